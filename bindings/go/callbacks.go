// callbacks.go: the //export trampolines C calls for tsc_read_fn, tsc_write_fn and
// tsc_progress_fn. The userdata is a runtime/cgo.Handle of a *callState; a panic in the Go
// callback is recovered here, aborts the transfer (non-zero return) and is re-panicked on the
// calling goroutine by settle once the C call has returned.

package tsc

/*
#include <stddef.h>
#include <stdint.h>
*/
import "C"

import (
	"errors"
	"io"
	"runtime/cgo"
	"sync/atomic"
	"unsafe"
)

// ProgressFunc receives the progress of a transfer: done bytes of total (-1 when unknown).
// A non-nil error aborts the transfer (TSC_STATUS_ABORTED_BY_CALLBACK, with Cause set to it).
type ProgressFunc func(done uint64, total int64) error

// callState is one callback's Go side: the function and what happened in it.
type callState struct {
	fn       interface{}
	eof      bool
	pending  error
	panicked bool
	panicVal interface{}
	err      error
}

// binding is a Go callback bound for C: its state and the cgo.Handle passed as userdata.
type binding struct {
	st *callState
	h  cgo.Handle
	ok bool
}

// bind makes the userdata for fn; present is false for a nil callback (NULL in C).
func bind(fn interface{}, present bool) binding {
	if !present {
		return binding{}
	}
	st := &callState{fn: fn}
	return binding{st: st, h: cgo.NewHandle(st), ok: true}
}

// ud is the userdata for C (NULL for an absent callback).
func (b binding) ud() unsafe.Pointer {
	if !b.ok {
		return nil
	}
	return userdata(b.h)
}

// drop releases the handle of a per-call callback once the call is over.
func (b binding) drop() {
	if b.ok {
		b.h.Delete()
	}
}

// catch is deferred by every trampoline: a panic becomes a non-zero return.
func (st *callState) catch(rc *C.int32_t) {
	if r := recover(); r != nil {
		st.panicked = true
		st.panicVal = r
		*rc = 1
	}
}

func stateOf(ud unsafe.Pointer) *callState {
	return cgo.Handle(uintptr(ud)).Value().(*callState)
}

//export goTscRead
func goTscRead(ud unsafe.Pointer, buf *C.uint8_t, capacity C.size_t, outLen *C.size_t) (rc C.int32_t) {
	st := stateOf(ud)
	defer st.catch(&rc)
	*outLen = 0
	if st.pending != nil {
		st.err, st.pending = st.pending, nil
		return 1
	}
	if st.eof || capacity == 0 {
		return 0
	}
	p := unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(capacity))
	r := st.fn.(io.Reader)
	for tries := 0; tries < 100; tries++ {
		n, err := r.Read(p)
		if n > 0 {
			*outLen = C.size_t(n)
			if err == io.EOF {
				st.eof = true
			} else if err != nil {
				st.pending = err
			}
			return 0
		}
		if err == io.EOF {
			st.eof = true
			return 0
		}
		if err != nil {
			st.err = err
			return 1
		}
	}
	st.err = io.ErrNoProgress
	return 1
}

//export goTscWrite
func goTscWrite(ud unsafe.Pointer, data *C.uint8_t, n C.size_t) (rc C.int32_t) {
	st := stateOf(ud)
	defer st.catch(&rc)
	p := unsafe.Slice((*byte)(unsafe.Pointer(data)), int(n))
	w, err := st.fn.(io.Writer).Write(p)
	if err == nil && w < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		st.err = err
		return 1
	}
	return 0
}

//export goTscProgress
func goTscProgress(ud unsafe.Pointer, done C.uint64_t, total C.int64_t) (rc C.int32_t) {
	st := stateOf(ud)
	defer st.catch(&rc)
	if err := st.fn.(ProgressFunc)(uint64(done), int64(total)); err != nil {
		st.err = err
		return 1
	}
	return 0
}

// settle runs after a C call that may have called back: it attaches a callback's error to
// err (as Cause), resets the states, and re-panics a callback's panic on this goroutine as a
// *CallbackPanic.
func settle(err error, groups ...[]*callState) error {
	var p *CallbackPanic
	var e *Error
	errors.As(err, &e)
	for _, states := range groups {
		for _, st := range states {
			if st == nil {
				continue
			}
			if st.panicked && p == nil {
				p = &CallbackPanic{Value: st.panicVal, Err: e}
			}
			if st.err != nil && e != nil && e.Cause == nil {
				e.Cause = st.err
			}
			st.panicked, st.panicVal, st.err, st.pending, st.eof = false, nil, nil, nil, false
		}
	}
	if p != nil {
		panic(p)
	}
	return err
}

// LogFunc receives one log line of a server: level is a LogLevel* constant, message a line
// without its newline (never a password or token). It is kept by the options and every server
// made from them, and called from any goroutine or native thread making calls with those
// servers (pager read-ahead threads too), possibly concurrently: it must be safe for
// concurrent use. A panic in it is recovered and dropped: a log line never stops a call.
type LogFunc func(level int32, message string)

// JWTSource mints a fresh JWT for one sign-in: the first, and each sign-in again after the
// session expired, on whichever goroutine's call signs in again (one at a time per server, but
// possibly concurrently across servers): it must be safe for concurrent use. A non-nil error or
// a panic (recovered) stops that sign-in with StatusAbortedByCallback; neither is re-panicked
// or returned as the Cause, since the sign-in may happen inside any call.
type JWTSource func() (string, error)

// keptFn is a retained callback: its function and the cgo.Handle C holds, deleted when the
// last Go handle holding a reference is closed. The trampolines only read fn: they may run
// concurrently.
type keptFn struct {
	fn   interface{}
	h    cgo.Handle
	refs int32
}

// bindRetained makes a retained callback with one reference (nil for a nil callback).
func bindRetained(fn interface{}, present bool) *keptFn {
	if !present {
		return nil
	}
	k := &keptFn{fn: fn, refs: 1}
	k.h = cgo.NewHandle(k)
	return k
}

func (k *keptFn) ud() unsafe.Pointer {
	if k == nil {
		return nil
	}
	return userdata(k.h)
}

func (k *keptFn) ref() { atomic.AddInt32(&k.refs, 1) }

// unref drops one reference; the last one deletes the handle.
func (k *keptFn) unref() {
	if k != nil && atomic.AddInt32(&k.refs, -1) == 0 {
		k.h.Delete()
	}
}

//export goTscLog
func goTscLog(ud unsafe.Pointer, level C.int32_t, message *C.char) (rc C.int32_t) {
	defer func() {
		if recover() != nil {
			rc = 0
		}
	}()
	k := cgo.Handle(uintptr(ud)).Value().(*keptFn)
	k.fn.(LogFunc)(int32(level), C.GoString(message))
	return 0
}

//export goTscJWT
func goTscJWT(ud unsafe.Pointer, buf *C.char, capacity C.size_t, outLen *C.size_t) (rc C.int32_t) {
	defer func() {
		if recover() != nil {
			rc = 1
		}
	}()
	k := cgo.Handle(uintptr(ud)).Value().(*keptFn)
	tok, err := k.fn.(JWTSource)()
	if err != nil {
		return 1
	}
	if len(tok) > int(capacity) {
		return 2
	}
	if len(tok) > 0 {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(capacity)), tok)
	}
	*outLen = C.size_t(len(tok))
	return 0
}
