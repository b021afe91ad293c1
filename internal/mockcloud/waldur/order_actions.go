package waldur

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"time"
)

// Handlers of the order actions: /api/marketplace-orders/{uuid}/<action>/
// and DELETE. Each checks the order's state first (409 otherwise).

// orderInState returns the path's order when it is in one of states: 404
// for no such order, 409 for another state.
func (w *Waldur) orderInState(c *call, states ...string) (*orderRec, reply, bool) {
	o, rep, ok := w.orderFromPath(c)
	if !ok {
		return nil, rep, false
	}
	if rep, ok := checkOrderState(o, states...); !ok {
		return nil, rep, false
	}
	return o, reply{}, true
}

// moveOrder is a plain transition: the path's order, when in one of from,
// goes to the state next returns (next may first record a review), and the
// answer is done.
func (w *Waldur) moveOrder(c *call, from []string, next func(*orderRec) string, done reply) reply {
	o, rep, ok := w.orderInState(c, from...)
	if !ok {
		return rep
	}
	w.setOrderState(o, next(o), c.now)
	return done
}

// to is a next state for moveOrder that does not depend on the order.
func to(state string) func(*orderRec) string {
	return func(*orderRec) string { return state }
}

// approvedMessage is what both approve endpoints answer (a JSON string).
const approvedMessage = "Order has been approved and is being processed."

func (w *Waldur) approveByConsumer(c *call) reply {
	return w.moveOrder(c, []string{OrderPendingConsumer}, func(o *orderRec) string {
		reviewByConsumer(c, o)
		return afterConsumerApproval(w.approvalOf(o))
	}, jsonReply(http.StatusOK, approvedMessage))
}

func (w *Waldur) approveByProvider(c *call) reply {
	return w.moveOrder(c, []string{OrderPendingProvider}, func(o *orderRec) string {
		reviewByProvider(c, o)
		return OrderExecuting
	}, jsonReply(http.StatusOK, approvedMessage))
}

func (w *Waldur) cancelOrder(c *call) reply {
	return w.moveOrder(c, cancelableStates, to(OrderCanceled), noBody(http.StatusAccepted))
}

func (w *Waldur) setStateExecuting(c *call) reply {
	return w.moveOrder(c, executingFromStates, to(OrderExecuting), noBody(http.StatusOK))
}

func (w *Waldur) setStateDone(c *call) reply {
	return w.moveOrder(c, []string{OrderExecuting}, to(OrderDone), noBody(http.StatusOK))
}

// reviewByConsumer and reviewByProvider record who approved or rejected.
func reviewByConsumer(c *call, o *orderRec) {
	o.ConsumerReviewedBy, o.ConsumerReviewedAt = c.user.UUID, ptr(c.now)
}

func reviewByProvider(c *call, o *orderRec) {
	o.ProviderReviewedBy, o.ProviderReviewedAt = c.user.UUID, ptr(c.now)
}

func (w *Waldur) rejectByConsumer(c *call) reply {
	return w.reject(c, OrderPendingConsumer, reviewByConsumer)
}

func (w *Waldur) rejectByProvider(c *call) reply {
	return w.reject(c, OrderPendingProvider, reviewByProvider)
}

// reject moves an order in state `from` to rejected, keeping the error fields the
// body may give (null leaves them as they are).
func (w *Waldur) reject(c *call, from string, review func(*call, *orderRec)) reply {
	o, msg, trace, rep, ok := w.orderWithError(c, true, from)
	if !ok {
		return rep
	}
	review(c, o)
	if msg != nil {
		o.ErrorMessage = *msg
	}
	if trace != nil {
		o.ErrorTraceback = *trace
	}
	w.setOrderState(o, OrderRejected, c.now)
	return noBody(http.StatusOK)
}

func (w *Waldur) setStateErred(c *call) reply {
	o, msg, trace, rep, ok := w.orderWithError(c, false, erredFromStates...)
	if !ok {
		return rep
	}
	w.failOrder(o, deref(msg), deref(trace), c.now)
	return noBody(http.StatusOK)
}

// orderWithError reads the path's order and the error_message and
// error_traceback of the body (nullable or not), then checks the order is in
// one of states: 404, then 400, then 409, as in Waldur.
func (w *Waldur) orderWithError(c *call, nullable bool, states ...string) (o *orderRec, msg, trace *string, rep reply, ok bool) {
	o, in, rep, ok := recordAndInput(c, w.db.Orders)
	if !ok {
		return nil, nil, nil, rep, false
	}
	msg = in.text("error_message", nullable, true, 0)
	trace = in.text("error_traceback", nullable, true, 0)
	if len(in.errs) > 0 {
		return nil, nil, nil, in.errs.reply(), false
	}
	if rep, ok := checkOrderState(o, states...); !ok {
		return nil, nil, nil, rep, false
	}
	return o, msg, trace, reply{}, true
}

func (w *Waldur) deleteOrder(c *call) reply {
	o, rep, ok := w.orderInState(c, deletableStates...)
	if !ok {
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

// unlinkOrder removes any order, whatever its state; staff only.
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

func (w *Waldur) setBackendID(c *call) reply {
	o, in, rep, ok := recordAndInput(c, w.db.Orders)
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
	w.setAttachment(o, name, c.now)
	return jsonReply(http.StatusOK, map[string]*string{"attachment": attachmentURL(c, name)})
}

// setAttachment stores (or, with "", clears) the order's attachment.
func (w *Waldur) setAttachment(o *orderRec, name string, at time.Time) {
	o.Attachment = name
	o.Modified = at
	w.version++
}

// attachmentURL is where Waldur serves an attachment; null for none.
func attachmentURL(c *call, name string) *string {
	if name == "" {
		return nil
	}
	return ptr(c.link("/media/marketplace_order_attachments/%s", name))
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
	o, rep, ok := w.orderInState(c, pendingStates...)
	if !ok {
		return rep
	}
	w.setAttachment(o, "", c.now)
	return noBody(http.StatusNoContent)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
