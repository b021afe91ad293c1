package api

import (
	"context"
	"net/url"
)

// Catalogue is an image (operating system) for VMs or baremetal servers.
type Catalogue struct {
	UUID         string `json:"uuid"`
	Slug         String `json:"slug"`
	Name         String `json:"name"`
	Type         String `json:"type"`
	Group        String `json:"group"`
	Service      String `json:"service"`
	Version      String `json:"version"`
	MinStorageGB Int    `json:"min_storage_gb"`
	Visibility   String `json:"visibility"`
	PublicAccess Bool   `json:"public_access"`
}

// ListCatalogues lists the images VMs and baremetal servers can run.
func (c *Client) ListCatalogues(ctx context.Context) ([]Catalogue, error) {
	return list[Catalogue](ctx, c, pathCatalogues, nil)
}

// Kinds of pricing (suitable_for).
const (
	SuitableForVM        = "vm"
	SuitableForBaremetal = "baremetal"
	SuitableForVolume    = "volume"
	SuitableForPods      = "pods"
)

// ListPricings lists price plans; suitableFor ("vm", "baremetal",
// "volume", "pods" or several joined by commas) filters them, "" lists all.
func (c *Client) ListPricings(ctx context.Context, suitableFor string) ([]Pricing, error) {
	var q url.Values
	if suitableFor != "" {
		q = url.Values{"suitable_for": {suitableFor}}
	}
	return list[Pricing](ctx, c, pathPricings, q)
}
