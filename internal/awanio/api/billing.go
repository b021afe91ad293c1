package api

import (
	"context"
)

// Invoice is an invoice of an organization.
type Invoice struct {
	UUID                string        `json:"uuid"`
	Number              String        `json:"number"`
	Status              String        `json:"status"`
	BilledTo            String        `json:"billed_to"`
	BillingAddress      String        `json:"billing_address"`
	BillingMethod       String        `json:"billing_method"`
	Amount              Float         `json:"amount"`
	TaxAmount           Float         `json:"tax_amount"`
	DiscountAmount      Float         `json:"discount_amount"`
	Subtotal            Float         `json:"subtotal"`
	AmountAfterTax      Float         `json:"amount_after_tax"`
	CreditFromBalance   Float         `json:"credit_from_balance"`
	Currency            String        `json:"currency"`
	Note                String        `json:"note"`
	DueDate             String        `json:"due_date"`
	PeriodeStartedDate  String        `json:"periode_started_date"`
	PeriodeEndedDate    String        `json:"periode_ended_date"`
	CreatedAt           String        `json:"created_at"`
	InvoiceURL          String        `json:"invoice_url"`
	Organization        *Organization `json:"organization"`
	Items               []InvoiceItem `json:"items"`
	CompanyName         String        `json:"company_name"`
	CompanyAddress      String        `json:"company_address"`
	DiscountInPercent   Float         `json:"discount_in_percent"`
	TaxInPercent        Float         `json:"tax_in_percent"`
	AmountAfterDiscount Float         `json:"amount_after_discount"`
}

// InvoiceItem is a line of an invoice.
type InvoiceItem struct {
	UUID         string `json:"uuid"`
	Label        String `json:"label"`
	ResourceType String `json:"resource_type"`
	PricingType  String `json:"pricing_type"`
	Quantity     Float  `json:"quantity"`
	PricePerUnit Float  `json:"price_per_unit"`
	Amount       Float  `json:"amount"`
	Note         String `json:"note"`
	StartedDate  String `json:"started_date"`
	EndedDate    String `json:"ended_date"`
}

// ListInvoices lists an organization's invoices (every page).
func (c *Client) ListInvoices(ctx context.Context, orgUUID string) ([]Invoice, error) {
	return list[Invoice](ctx, c, expand(pathOrganizationInvoices, "uuid", orgUUID), nil)
}

// GetInvoice reads one invoice with its items.
func (c *Client) GetInvoice(ctx context.Context, uuid string) (*Invoice, error) {
	return getOne[Invoice](ctx, c, expand(pathInvoice, "uuid", uuid))
}

// VoucherRedemption is data of a redeemed voucher.
type VoucherRedemption struct {
	NewBalance Float  `json:"new_balance"`
	Result     Bool   `json:"result"`
	Status     String `json:"status"`
}

// RedeemVoucher adds a voucher's value to an organization's balance. A
// voucher can be redeemed once. The code is treated as a secret: "code" is
// no secret key name for the log masker, so the value itself is masked.
func (c *Client) RedeemVoucher(ctx context.Context, orgUUID, code string) (*VoucherRedemption, error) {
	if err := c.MaskFromNowOn(code); err != nil {
		return nil, err
	}
	return postOne[VoucherRedemption](ctx, c, expand(pathOrganizationVouchers, "uuid", orgUUID), map[string]string{"code": code})
}

// PaymentGateway is a payment provider such as duitku.
type PaymentGateway struct {
	ID           Int    `json:"id"`
	UUID         string `json:"uuid"`
	Name         String `json:"name"`
	MerchantCode String `json:"merchant_code"`
	MerchantKey  String `json:"merchant_key"`
	URL          String `json:"url"`
	OutputType   String `json:"output_type"`
	VAT          Float  `json:"vat"`
}

// PaymentGatewayRequest is the body of POST payment-gateways (an operator
// call, kept for completeness).
type PaymentGatewayRequest struct {
	Name         string              `json:"name"`
	MerchantCode string              `json:"merchant_code"`
	MerchantKey  string              `json:"merchant_key"`
	Callback     string              `json:"callback,omitempty"`
	URL          string              `json:"url,omitempty"`
	Meta         []map[string]string `json:"meta,omitempty"`
	OutputType   string              `json:"output_type,omitempty"`
	VAT          int                 `json:"vat"`
}

// ListPaymentGateways lists the payment gateways.
func (c *Client) ListPaymentGateways(ctx context.Context) ([]PaymentGateway, error) {
	return list[PaymentGateway](ctx, c, pathPaymentGateways, nil)
}

// CreatePaymentGateway registers a payment gateway.
func (c *Client) CreatePaymentGateway(ctx context.Context, req PaymentGatewayRequest) (*PaymentGateway, error) {
	if err := c.MaskFromNowOn(req.MerchantKey); err != nil {
		return nil, err
	}
	return postOne[PaymentGateway](ctx, c, pathPaymentGateways, req)
}

// PaymentMethod is a way to pay through a gateway.
type PaymentMethod struct {
	ID             Int    `json:"id"`
	UUID           string `json:"uuid"`
	Name           String `json:"name"`
	Description    String `json:"description"`
	ServiceFee     Float  `json:"service_fee"`
	MinimumAmount  Float  `json:"minimum_amount"`
	PaymentGateway String `json:"payment_gateway"`
}

// ListPaymentMethods lists the payment methods.
func (c *Client) ListPaymentMethods(ctx context.Context) ([]PaymentMethod, error) {
	return list[PaymentMethod](ctx, c, pathPaymentMethods, nil)
}

// TopUpRequest is the body of a balance top-up.
type TopUpRequest struct {
	PaymentMethodUUID string `json:"payment_method_uuid"`
	OrganizationUUID  string `json:"organization_uuid"`
	Amount            int64  `json:"amount"`
}

// TopUpInstruction is how to pay a top-up.
type TopUpInstruction struct {
	OutputType   String `json:"output_type"`
	Amount       Float  `json:"amount"`
	VANumber     String `json:"va_number"`
	Reference    String `json:"reference"`
	Status       String `json:"status"`
	ExpiryPeriod Int    `json:"expiryPeriod"`
}

// TopUp is the state of a top-up.
type TopUp struct {
	UUID            string        `json:"uuid"`
	Organization    *Organization `json:"organization"`
	Amount          Float         `json:"amount"`
	ReferenceNumber String        `json:"reference_number"`
	VANumber        String        `json:"va_number"`
	Status          String        `json:"status"`
	ServiceFee      Float         `json:"service_fee"`
	Balance         Float         `json:"balance"`
	CreatedAt       String        `json:"created_at"`
}

// CreateTopUp starts a balance top-up; the answer says how to pay it.
func (c *Client) CreateTopUp(ctx context.Context, req TopUpRequest) (*TopUpInstruction, error) {
	return postOne[TopUpInstruction](ctx, c, pathTopUps, req)
}

// TopUpInquiry asks the gateway again for the payment instruction of the
// same top-up (the seed's second, identical, top-up call).
func (c *Client) TopUpInquiry(ctx context.Context, req TopUpRequest) (*TopUpInstruction, error) {
	return postOne[TopUpInstruction](ctx, c, pathTopUpInquiry, req)
}

// GetTopUp reads a top-up by its reference number.
func (c *Client) GetTopUp(ctx context.Context, reference string) (*TopUp, error) {
	return getOne[TopUp](ctx, c, expand(pathTopUp, "reference_number", reference))
}
