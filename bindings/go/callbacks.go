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
