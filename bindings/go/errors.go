// errors.go: the *Error every failing call returns, built from a tsc_error whose fields are all
// copied before it is freed, and Status, which makes errors.Is(err, tsc.ErrNotFound) work.

package tsc

/*
#include "tsc_go.h"
*/
import "C"

import "fmt"

// Status is a tsc_status value (StatusOK, StatusNotFound, ...; see gen_enums.go). A Status is
// also an error, so the ErrXxx sentinels are Status values and errors.Is compares statuses.
type Status int32

// String is the library's name for the status (tsc_status_str).
func (s Status) String() string { return StatusStr(int32(s)) }

// Error makes a Status usable as a sentinel error.
func (s Status) Error() string { return "tsc: " + s.String() }

// Error is what every failing call returns: the status, the library's message, and what the
// server said. errors.Is(err, tsc.ErrNotFound) compares the status; errors.As(err, &e) gives the
// fields. Cause is the Go error behind it, if any (a callback's error, ctx.Err()).
type Error struct {
	Status       Status
	Message      string
	HTTPStatus   int32
	ServerCode   string
	Summary      string
	Detail       string
	RetryAfter   int64
	CallbackCode int32
	Cause        error
}

// Error returns the library's message (it names the call and the cause).
func (e *Error) Error() string {
	if e.Message == "" {
		return e.Status.Error()
	}
	return e.Message
}

// Unwrap gives the Go error behind this one (callback error or context error), if any.
func (e *Error) Unwrap() error { return e.Cause }

// Is reports whether target is this error's Status, or an *Error with the same Status.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case Status:
		return e.Status == t
	case *Error:
		return t != nil && e.Status == t.Status
	}
	return false
}

// CallbackPanic is the value re-panicked on the calling goroutine when a Go callback panicked
// during a call: the panic aborted the transfer (Err, TSC_STATUS_ABORTED_BY_CALLBACK) and never
// crossed into native code.
type CallbackPanic struct {
	Value interface{}
	Err   *Error
}

func (p *CallbackPanic) String() string {
	return fmt.Sprintf("tsc: callback panicked: %v", p.Value)
}

// takeError turns a status and its tsc_error into an *Error (nil for success), copying every
// field and then freeing the tsc_error.
func takeError(st int32, cerr *C.tsc_error) error {
	if st == 0 {
		if cerr != nil {
			C.tsc_error_free(cerr)
		}
		return nil
	}
	e := &Error{Status: Status(st)}
	if cerr == nil {
		e.Message = e.Status.String()
		return e
	}
	e.Status = Status(C.tsc_error_status(cerr))
	e.Message = C.GoString(C.tsc_error_message(cerr))
	e.HTTPStatus = int32(C.tsc_error_http_status(cerr))
	e.ServerCode = C.GoString(C.tsc_error_server_code(cerr))
	e.Summary = C.GoString(C.tsc_error_server_summary(cerr))
	e.Detail = C.GoString(C.tsc_error_server_detail(cerr))
	e.RetryAfter = int64(C.tsc_error_retry_after(cerr))
	e.CallbackCode = int32(C.tsc_error_callback_code(cerr))
	C.tsc_error_free(cerr)
	return e
}

// misuse is the error for an argument the binding rejects before calling C.
func misuse(msg string) *Error {
	return &Error{Status: StatusInvalidArgument, Message: "tsc: " + msg}
}
