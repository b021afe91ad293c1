package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestRefused(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&APIError{StatusCode: http.StatusBadRequest}, true},
		{fmt.Errorf("wrapped: %w", &APIError{StatusCode: http.StatusConflict}), true},
		{&APIError{StatusCode: http.StatusBadRequest, maybeProcessed: true}, false},
		{&APIError{StatusCode: http.StatusTooManyRequests}, false},
		{&APIError{StatusCode: http.StatusRequestTimeout}, false},
		{&APIError{StatusCode: http.StatusBadGateway}, false},
		{context.Canceled, false},
		{errors.New("connection reset"), false},
		{nil, false},
	} {
		if got := Refused(tc.err); got != tc.want {
			t.Errorf("Refused(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
