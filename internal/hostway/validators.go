package hostway

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudorder/terraform-provider-cloudorder/internal/hostway/api"
	"github.com/cloudorder/terraform-provider-cloudorder/internal/validate"
)

// Validators of catalog references. Users write a code
// (core.vps.virtuozzo.ip) or the URL the API uses; api parses both.

func childPatterns() string {
	var parts []string
	for _, k := range api.ServiceKinds {
		if !k.Server {
			parts = append(parts, "`"+k.Pattern()+"`")
		}
	}
	return strings.Join(parts, ", ")
}

func offeringValidator() validator.String {
	return validate.String("must be an offering code ({product specification}/{offering}) or URL", func(s string) error {
		_, _, err := api.ParseOffering(s)
		return err
	})
}

func productSpecValidator() validator.String {
	return validate.String("must be a product specification code or URL", func(s string) error {
		_, err := api.ParseProductSpecification(s)
		return err
	})
}

func serverSpecValidator() validator.String {
	return validate.String("must be a Virtuozzo Server specification ("+api.ServerPrefix+"*)", func(s string) error {
		code, err := api.ParseServiceSpecification(s)
		if err != nil {
			return err
		}
		if !api.IsServerSpecification(code) {
			return fmt.Errorf("%q is not a Virtuozzo Server specification: the server must be one of %s*, for example core.vps.virtuozzo.server.u100", code, api.ServerPrefix)
		}
		return nil
	})
}

func childSpecValidator() validator.String {
	return validate.String("must be a VPS Virtuozzo child service specification", func(s string) error {
		code, err := api.ParseServiceSpecification(s)
		if err != nil {
			return err
		}
		k, ok := api.KindOf(code)
		switch {
		case !ok:
			return fmt.Errorf("%q is not a VPS Virtuozzo child service: use one of the families %s", code, childPatterns())
		case k.Server:
			return fmt.Errorf("%q is a Virtuozzo Server: set it in the server block; a VPS has exactly one server", code)
		}
		return nil
	})
}
