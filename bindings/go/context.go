// context.go: a context.Context for a transfer becomes a tsc_cancel_token on its transfer
// options, cancelled from a goroutine when the context is done.

package tsc

import (
	"context"
	"errors"
)

// cancelTokenKey is the setter under which TransferOptions remembers its token.
const cancelTokenKey = "tsc_transfer_options_set_cancel_token"

// bindContext returns the transfer options to pass for ctx and a release function to call
// after the call. With a cancellable ctx the options carry a fresh cancel token for the call
// (options are created when opts is nil; a token set by the caller is put back afterwards).
func bindContext(ctx context.Context, opts *TransferOptions) (*TransferOptions, func(), error) {
	noop := func() {}
	if ctx == nil {
		return opts, noop, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, &Error{Status: StatusCancelled, Message: "tsc: context done before the call: " + err.Error(), Cause: err}
	}
	done := ctx.Done()
	if done == nil {
		return opts, noop, nil
	}
	tok, err := NewCancelToken()
	if err != nil {
		return nil, nil, err
	}
	used, temporary := opts, false
	if used == nil {
		if used, err = NewTransferOptions(); err != nil {
			tok.Close()
			return nil, nil, err
		}
		temporary = true
	}
	prev, _ := used.keep.refs[cancelTokenKey].(*CancelToken)
	if err := used.SetCancelToken(tok); err != nil {
		tok.Close()
		if temporary {
			used.Close()
		}
		return nil, nil, err
	}
	stop, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		select {
		case <-done:
			tok.Cancel()
		case <-stop:
		}
	}()
	release := func() {
		close(stop)
		<-finished
		if temporary {
			used.Close()
		} else {
			_ = used.SetCancelToken(prev)
		}
		tok.Close()
	}
	return used, release, nil
}

// contextCause makes a cancelled call's error unwrap to ctx.Err().
func contextCause(ctx context.Context, err error) error {
	var e *Error
	if ctx != nil && ctx.Err() != nil && errors.As(err, &e) && e.Status == StatusCancelled && e.Cause == nil {
		e.Cause = ctx.Err()
	}
	return err
}
