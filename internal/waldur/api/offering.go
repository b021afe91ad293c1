package api

import (
	"context"
	"encoding/json"
	"net/http"
)

// Offering is the part of Waldur's PublicOfferingDetails the provider uses.
type Offering struct {
	UUID         string              `json:"uuid"`
	URL          string              `json:"url"`
	Name         string              `json:"name"`
	Description  string              `json:"description"`
	Type         string              `json:"type"`
	State        string              `json:"state"`
	CustomerUUID string              `json:"customer_uuid"`
	CustomerName string              `json:"customer_name"`
	Shared       bool                `json:"shared"`
	Billable     bool                `json:"billable"`
	Options      json.RawMessage     `json:"options"`
	Plans        []OfferingPlan      `json:"plans"`
	Components   []OfferingComponent `json:"components"`
}

// OfferingPlan is a plan of an offering.
type OfferingPlan struct {
	UUID        string `json:"uuid"`
	URL         string `json:"url"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Unit        string `json:"unit"`
	UnitPrice   string `json:"unit_price"`
	Archived    bool   `json:"archived"`
}

// OfferingComponent is a measured component of an offering.
type OfferingComponent struct {
	Type         string `json:"type"`
	Name         string `json:"name"`
	Description  string `json:"description"`
	BillingType  string `json:"billing_type"`
	MeasuredUnit string `json:"measured_unit"`
}

// GetOrderOffering returns the offering of an order, with its plans,
// components and the options schema of its attributes.
func (c *Client) GetOrderOffering(ctx context.Context, uuid string) (*Offering, error) {
	var o Offering
	if _, err := c.do(ctx, http.MethodGet, orderPath(uuid, "offering"), nil, &o); err != nil {
		return nil, err
	}
	return &o, nil
}
