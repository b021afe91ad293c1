package api

import "encoding/json"

// BaseItem holds the fields Waldur's orders and marketplace resources share
// (its BaseItemSerializer): what was ordered, where, and the item's
// attributes and limits. It is embedded so both decode the same way.
type BaseItem struct {
	UUID         string           `json:"uuid"`
	URL          string           `json:"url"`
	Offering     string           `json:"offering"`
	OfferingUUID string           `json:"offering_uuid"`
	OfferingName string           `json:"offering_name"`
	OfferingType string           `json:"offering_type"`
	Plan         *string          `json:"plan"`
	PlanUUID     *string          `json:"plan_uuid"`
	PlanName     *string          `json:"plan_name"`
	Project      string           `json:"project"`
	ProjectUUID  string           `json:"project_uuid"`
	ProjectName  string           `json:"project_name"`
	CustomerUUID string           `json:"customer_uuid"`
	Attributes   json.RawMessage  `json:"attributes"`
	Limits       map[string]int64 `json:"limits"`
	ResourceUUID *string          `json:"resource_uuid"`
	BackendID    string           `json:"backend_id"`
	Created      string           `json:"created"`
	Modified     string           `json:"modified"`
}
