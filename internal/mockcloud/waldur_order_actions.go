package mockcloud

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
)

// Handlers of the order actions: /api/marketplace-orders/{uuid}/<action>/
// and DELETE. Each checks the order's state first (409 otherwise).

func (w *Waldur) deleteOrder(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	if rep, ok := checkOrderState(o, deletableStates...); !ok {
		return rep
	}
	// The resource of a deleted Create order will never exist.
	if res := w.db.Resources[o.ResourceUUID]; res != nil && (o.Type == OrderTypeCreate || o.Type == OrderTypeRestore) {
		res.State = ResourceTerminated
		res.Modified = c.now
	}
	w.removeOrder(o.UUID)
	return noBody(http.StatusNoContent)
}

func (w *Waldur) removeOrder(id string) {
	delete(w.db.Orders, id)
	delete(w.moving, id)
	w.version++
}

func (w *Waldur) getOrderOffering(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	off := w.db.Offerings[o.OfferingUUID]
	if off == nil {
		return notFound()
	}
	return jsonReply(http.StatusOK, w.offeringView(c, off))
}

// approvedMessage is what both approve endpoints answer (a JSON string).
const approvedMessage = "Order has been approved and is being processed."

func (w *Waldur) approveByConsumer(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	if rep, ok := checkOrderState(o, OrderPendingConsumer); !ok {
		return rep
	}
	o.ConsumerReviewedBy, o.ConsumerReviewedAt = c.user.UUID, ptr(c.now)
	w.setOrderState(o, afterConsumerApproval(w.approvalOf(o)), c.now)
	return jsonReply(http.StatusOK, approvedMessage)
}

func (w *Waldur) approveByProvider(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	if rep, ok := checkOrderState(o, OrderPendingProvider); !ok {
		return rep
	}
	o.ProviderReviewedBy, o.ProviderReviewedAt = c.user.UUID, ptr(c.now)
	w.setOrderState(o, OrderExecuting, c.now)
	return jsonReply(http.StatusOK, approvedMessage)
}

func (w *Waldur) rejectByConsumer(c *call) reply {
	return w.reject(c, OrderPendingConsumer, func(o *orderRec) {
		o.ConsumerReviewedBy, o.ConsumerReviewedAt = c.user.UUID, ptr(c.now)
	})
}

func (w *Waldur) rejectByProvider(c *call) reply {
	return w.reject(c, OrderPendingProvider, func(o *orderRec) {
		o.ProviderReviewedBy, o.ProviderReviewedAt = c.user.UUID, ptr(c.now)
	})
}

func (w *Waldur) reject(c *call, from string, review func(*orderRec)) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	in, rep, ok := c.input()
	if !ok {
		return rep
	}
	msg := in.text("error_message", true, true, 0)
	trace := in.text("error_traceback", true, true, 0)
	if len(in.errs) > 0 {
		return in.errs.reply()
	}
	if rep, ok := checkOrderState(o, from); !ok {
		return rep
	}
	review(o)
	if msg != nil {
		o.ErrorMessage = *msg
	}
	if trace != nil {
		o.ErrorTraceback = *trace
	}
	w.setOrderState(o, OrderRejected, c.now)
	return noBody(http.StatusOK)
}

func (w *Waldur) cancelOrder(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	if rep, ok := checkOrderState(o, cancelableStates...); !ok {
		return rep
	}
	w.setOrderState(o, OrderCanceled, c.now)
	return noBody(http.StatusAccepted)
}

func (w *Waldur) unlinkOrder(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	if !c.user.Staff {
		return detail(http.StatusForbidden, "You do not have permission to perform this action.")
	}
	w.removeOrder(o.UUID)
	return noBody(http.StatusNoContent)
}

func (w *Waldur) setStateExecuting(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	if rep, ok := checkOrderState(o, executingFromStates...); !ok {
		return rep
	}
	w.setOrderState(o, OrderExecuting, c.now)
	return noBody(http.StatusOK)
}

func (w *Waldur) setStateDone(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	if rep, ok := checkOrderState(o, OrderExecuting); !ok {
		return rep
	}
	w.setOrderState(o, OrderDone, c.now)
	return noBody(http.StatusOK)
}

func (w *Waldur) setStateErred(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	in, rep, ok := c.input()
	if !ok {
		return rep
	}
	msg := in.text("error_message", false, true, 0)
	trace := in.text("error_traceback", false, true, 0)
	if len(in.errs) > 0 {
		return in.errs.reply()
	}
	if rep, ok := checkOrderState(o, erredFromStates...); !ok {
		return rep
	}
	w.failOrder(o, deref(msg), deref(trace), c.now)
	return noBody(http.StatusOK)
}

func (w *Waldur) setBackendID(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	in, rep, ok := c.input()
	if !ok {
		return rep
	}
	var id *string
	if in.required("backend_id") {
		id = in.text("backend_id", false, false, 255)
	}
	if len(in.errs) > 0 {
		return in.errs.reply()
	}
	o.BackendID = *id
	o.Modified = c.now
	w.version++
	return jsonReply(http.StatusOK, map[string]string{"status": "Order backend_id has been changed."})
}

// updateAttachment stores the name of an uploaded file (multipart field
// "attachment"), or clears it when JSON sends "attachment": null.
func (w *Waldur) updateAttachment(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	name, rep, ok := attachmentFromRequest(c)
	if !ok {
		return rep
	}
	if rep, ok := checkOrderState(o, pendingStates...); !ok {
		return rep
	}
	o.Attachment = name
	o.Modified = c.now
	w.version++
	var url *string
	if name != "" {
		url = ptr(c.link("/media/marketplace_order_attachments/%s", name))
	}
	return jsonReply(http.StatusOK, map[string]*string{"attachment": url})
}

func attachmentFromRequest(c *call) (string, reply, bool) {
	mt, params, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		in, rep, ok := c.input()
		if !ok {
			return "", rep, false
		}
		if in.has("attachment") && !in.isNull("attachment") {
			in.errs.add("attachment", "The submitted data was not a file. Check the encoding type on the form.")
			return "", in.errs.reply(), false
		}
		return "", reply{}, true
	}
	mr := multipart.NewReader(bytes.NewReader(c.body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", detail(http.StatusBadRequest, "Multipart form parse error - "+err.Error()), false
		}
		if part.FormName() != "attachment" {
			continue
		}
		if part.FileName() == "" {
			return "", fieldErrors{"attachment": []string{"The submitted data was not a file. Check the encoding type on the form."}}.reply(), false
		}
		data, _ := io.ReadAll(part)
		if len(data) == 0 {
			return "", fieldErrors{"attachment": []string{"The submitted file is empty."}}.reply(), false
		}
		return path.Base(part.FileName()), reply{}, true
	}
	return "", reply{}, true
}

func (w *Waldur) deleteAttachment(c *call) reply {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return rep
	}
	if rep, ok := checkOrderState(o, pendingStates...); !ok {
		return rep
	}
	o.Attachment = ""
	o.Modified = c.now
	w.version++
	return noBody(http.StatusNoContent)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
