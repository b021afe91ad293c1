package awanio

import (
	"fmt"
	"strings"
	"time"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/mockcloud"
)

// Invoices, vouchers and payments (inferred paths).

func (a *Awanio) routeBilling(rt *mockcloud.Router) {
	awRoute(rt, "GET", "/organizations/{uuid}/invoices", a.endpoint(a.listInvoices))
	awRoute(rt, "GET", "/invoices/{uuid}", a.endpoint(a.getInvoice))
	awRoute(rt, "POST", "/organizations/{uuid}/vouchers/redeem", a.endpoint(a.redeemVoucher))
	awRoute(rt, "GET", "/payment-gateways", a.endpoint(a.listPaymentGateways))
	awRoute(rt, "POST", "/payment-gateways", a.endpoint(a.createPaymentGateway))
	awRoute(rt, "GET", "/payment-methods", a.endpoint(a.listPaymentMethods))
	awRoute(rt, "POST", "/top-ups", a.endpoint(a.createTopUp))
	awRoute(rt, "POST", "/top-ups/inquiry", a.endpoint(a.topUpInquiry))
	awRoute(rt, "GET", "/top-ups/{reference_number}", a.endpoint(a.getTopUp))
}

func (a *Awanio) listInvoices(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", false)
	if !ok {
		return rep
	}
	var items []any
	for _, inv := range sortedBySeq(a.db.Invoices, func(i *AwanioInvoice) uint64 { return i.Seq }) {
		if inv.OrganizationUUID == o.UUID {
			items = append(items, a.renderInvoice(inv, false))
		}
	}
	return awList(c, items)
}

func (a *Awanio) getInvoice(c *awCall) awReply {
	id, ok := pathUUID(c, "uuid")
	inv := a.db.Invoices[id]
	if !ok || inv == nil {
		return awNotFound("invoice")
	}
	if o := a.db.Organizations[inv.OrganizationUUID]; o == nil || o.Members[c.user.UUID] == nil {
		return awForbidden("YOU ARE NOT A MEMBER OF THE INVOICE'S ORGANIZATION")
	}
	return awOK(a.renderInvoice(inv, true))
}

func (a *Awanio) renderInvoice(inv *AwanioInvoice, detail bool) map[string]any {
	var number any
	if inv.Number != "" {
		number = inv.Number
	}
	out := map[string]any{
		"uuid": inv.UUID, "due_date": awTime(inv.DueDate), "billed_to": inv.BilledTo,
		"billing_address": nil, "billing_method": "Charge from credit",
		"amount": inv.Amount, "tax_amount": 0, "discount_amount": 0, "status": inv.Status,
		"number": number, "note": nil, "discount_in_price": 0, "discount_in_percent": 0, "tax_in_percent": 0,
		"subtotal": inv.Amount, "amount_after_discount": inv.Amount, "amount_after_tax": inv.Amount,
		"periode_started_date": awTime(inv.PeriodStart), "periode_ended_date": awTime(inv.PeriodEnd),
		"credit_from_balance": 0, "currency": inv.Currency,
		"created_at": awTime(inv.CreatedAt), "updated_at": awTime(inv.CreatedAt),
	}
	if !detail {
		out["InvoiceUrl"] = nil
		return out
	}
	if o := a.db.Organizations[inv.OrganizationUUID]; o != nil {
		out["organization"] = a.renderOrganization(o, nil)
	}
	out["items"] = []any{map[string]any{
		"uuid": inv.UUID, "quantity": 1, "unit_price": "month", "price_per_unit": inv.Amount, "amount": inv.Amount,
		"note": "1 month(s)", "discount_percent": 0, "tax_in_percent": 0,
		"started_date": awTime(inv.PeriodStart), "ended_date": awTime(inv.PeriodEnd),
		"label": "usage", "resource_type": "organization", "resource_id": 1, "pricing_type": "usage",
		"created_at": awTime(inv.CreatedAt), "updated_at": awTime(inv.CreatedAt),
	}}
	out["invoice_url"] = "storage.awanio.example/invoices/" + inv.UUID + ".pdf"
	out["company_address"], out["company_name"] = "Jl. Mock 1, Jakarta", "Awanio Mock"
	return out
}

func (a *Awanio) redeemVoucher(c *awCall) awReply {
	o, rep, ok := a.organizationFor(c, "uuid", true)
	if !ok {
		return rep
	}
	var in struct {
		Code string `json:"code"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	v := a.db.Vouchers[strings.TrimSpace(in.Code)]
	switch {
	case in.Code == "":
		return awBadRequest("CODE IS REQUIRED")
	case v == nil:
		return awNotFound("voucher")
	case v.RedeemedBy != "":
		return awConflict("VOUCHER HAS ALREADY BEEN REDEEMED")
	}
	v.RedeemedBy = o.UUID
	o.Balance += v.Amount
	o.UpdatedAt = c.now
	a.changed()
	return awOK(map[string]any{"new_balance": o.Balance, "result": true, "status": "Voucher was successfully redeemed"})
}

func (a *Awanio) listPaymentGateways(c *awCall) awReply {
	var items []any
	for _, g := range sortedBySeq(a.db.PaymentGateways, func(g *AwanioPaymentGateway) uint64 { return g.ID }) {
		items = append(items, renderGateway(g, true))
	}
	return awList(c, items)
}

func renderGateway(g *AwanioPaymentGateway, full bool) map[string]any {
	out := map[string]any{
		"id": g.ID, "uuid": g.UUID, "name": g.Name, "merchant_code": g.MerchantCode, "merchant_key": g.MerchantKey,
		"output_type": g.OutputType, "vat": g.VAT,
	}
	if full {
		out["url"] = g.URL
		out["created_at"], out["updated_at"] = "2021-09-13T10:20:56+07:00", "2021-09-13T10:20:56+07:00"
	}
	return out
}

func (a *Awanio) createPaymentGateway(c *awCall) awReply {
	var in struct {
		Name         string  `json:"name"`
		MerchantCode string  `json:"merchant_code"`
		MerchantKey  string  `json:"merchant_key"`
		URL          string  `json:"url"`
		OutputType   string  `json:"output_type"`
		VAT          flexInt `json:"vat"`
	}
	if rep, ok := c.decode(&in); !ok {
		return rep
	}
	if in.Name == "" || in.MerchantCode == "" {
		return awBadRequest("NAME AND MERCHANT_CODE ARE REQUIRED")
	}
	g := &AwanioPaymentGateway{
		ID: a.nextSeq(), UUID: newDashedUUID(), Name: in.Name, MerchantCode: in.MerchantCode, MerchantKey: in.MerchantKey,
		URL: in.URL, OutputType: in.OutputType, VAT: in.VAT.value,
	}
	a.db.PaymentGateways[g.UUID] = g
	a.changed()
	return awOK(renderGateway(g, false))
}

func (a *Awanio) listPaymentMethods(c *awCall) awReply {
	var items []any
	for _, m := range sortedBySeq(a.db.PaymentMethods, func(m *AwanioPaymentMethod) uint64 { return m.ID }) {
		items = append(items, map[string]any{
			"id": m.ID, "uuid": m.UUID, "name": m.Name, "description": m.Description,
			"service_fee": m.ServiceFee, "minimum_amount": m.MinimumAmount, "payment_gateway": m.PaymentGateway,
		})
	}
	return awList(c, items)
}

// topUpInput validates a top-up request.
func (a *Awanio) topUpInput(c *awCall) (*AwanioPaymentMethod, *AwanioOrganization, float64, awReply, bool) {
	var in struct {
		PaymentMethodUUID string    `json:"payment_method_uuid"`
		OrganizationUUID  string    `json:"organization_uuid"`
		Amount            flexFloat `json:"amount"`
	}
	if rep, ok := c.decode(&in); !ok {
		return nil, nil, 0, rep, false
	}
	mid, _ := canonicalUUID(in.PaymentMethodUUID)
	m := a.db.PaymentMethods[mid]
	if m == nil {
		return nil, nil, 0, awNotFound("payment method"), false
	}
	oid, _ := canonicalUUID(in.OrganizationUUID)
	o := a.db.Organizations[oid]
	if o == nil || o.Members[c.user.UUID] == nil {
		return nil, nil, 0, awNotFound("organization"), false
	}
	if in.Amount.value < m.MinimumAmount {
		return nil, nil, 0, awBadRequest("AMOUNT MUST BE AT LEAST %.0f", m.MinimumAmount), false
	}
	return m, o, in.Amount.value, awReply{}, true
}

func (a *Awanio) createTopUp(c *awCall) awReply {
	m, o, amount, rep, ok := a.topUpInput(c)
	if !ok {
		return rep
	}
	ref := fmt.Sprintf("REF-%06d", a.nextSeq())
	a.db.TopUps[ref] = &AwanioTopUp{
		UUID: newDashedUUID(), ReferenceNumber: ref, OrganizationUUID: o.UUID, PaymentMethodUUID: m.UUID,
		Amount: amount, Status: "pending", CreatedAt: c.now,
	}
	a.changed()
	return awOK(renderTopUpInstruction(ref, amount))
}

// topUpInquiry answers the instruction of the caller's latest pending
// top-up with the same method, organization and amount.
func (a *Awanio) topUpInquiry(c *awCall) awReply {
	m, o, amount, rep, ok := a.topUpInput(c)
	if !ok {
		return rep
	}
	var latest *AwanioTopUp
	for _, t := range a.db.TopUps {
		if t.OrganizationUUID == o.UUID && t.PaymentMethodUUID == m.UUID && t.Amount == amount && t.Status == "pending" &&
			(latest == nil || t.CreatedAt.After(latest.CreatedAt)) {
			latest = t
		}
	}
	if latest == nil {
		return awNotFound("top-up")
	}
	return awOK(renderTopUpInstruction(latest.ReferenceNumber, amount))
}

func renderTopUpInstruction(ref string, amount float64) map[string]any {
	return map[string]any{
		"output_type": "webview", "amount": amount, "va_number": nil, "reference": ref,
		"client_secret": nil, "stripe_id": nil, "status": nil, "meta": nil, "expiryPeriod": 30,
	}
}

func (a *Awanio) getTopUp(c *awCall) awReply {
	t := a.db.TopUps[c.r.PathValue("reference_number")]
	if t == nil {
		return awNotFound("top-up")
	}
	o := a.db.Organizations[t.OrganizationUUID]
	if o == nil || o.Members[c.user.UUID] == nil {
		return awNotFound("top-up")
	}
	org := a.renderOrganization(o, nil)
	delete(org, "organization_member")
	return awOK(map[string]any{
		"uuid": t.UUID, "organization": org, "payment_gateway_id": 1, "amount": t.Amount,
		"reference_number": t.ReferenceNumber, "va_number": nil, "stripe_id": nil, "client_secret": nil,
		"payment_method_id": 1, "status": t.Status, "meta": nil, "service_fee": 0, "balance": o.Balance,
		"created_at": awTime(t.CreatedAt), "updated_at": awTime(t.CreatedAt),
	})
}

// AddInvoice adds an invoice to an organization (Go API for tests; the
// demo seed adds two).
func (a *Awanio) AddInvoice(inv AwanioInvoice) AwanioInvoice {
	a.mu.Lock()
	defer a.mu.Unlock()
	return *a.addInvoice(inv)
}

func (a *Awanio) addInvoice(inv AwanioInvoice) *AwanioInvoice {
	if inv.UUID == "" {
		inv.UUID = newDashedUUID()
	}
	inv.UUID = mustUUID(inv.UUID)
	inv.OrganizationUUID = mustUUID(inv.OrganizationUUID)
	inv.Seq = a.nextSeq()
	if inv.Currency == "" {
		inv.Currency = "IDR"
	}
	if inv.CreatedAt.IsZero() {
		inv.CreatedAt = a.now()
	}
	if inv.DueDate.IsZero() {
		inv.DueDate = inv.CreatedAt.Add(14 * 24 * time.Hour)
	}
	a.db.Invoices[inv.UUID] = &inv
	a.changed()
	return &inv
}

// AddVoucher adds a voucher code worth amount.
func (a *Awanio) AddVoucher(code string, amount float64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.db.Vouchers[code] = &AwanioVoucher{Code: code, Amount: amount}
	a.changed()
}

// AddPaymentMethod adds a payment method (and its gateway by name).
func (a *Awanio) AddPaymentMethod(m AwanioPaymentMethod) AwanioPaymentMethod {
	a.mu.Lock()
	defer a.mu.Unlock()
	if m.UUID == "" {
		m.UUID = newDashedUUID()
	}
	m.UUID = mustUUID(m.UUID)
	m.ID = a.nextSeq()
	a.db.PaymentMethods[m.UUID] = &m
	a.changed()
	return m
}

// TopUps returns every top-up.
func (a *Awanio) TopUps() []AwanioTopUp {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]AwanioTopUp, 0, len(a.db.TopUps))
	for _, t := range a.db.TopUps {
		out = append(out, *t)
	}
	return out
}
