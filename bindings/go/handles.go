// handles.go: what every generated handle type shares: the liveness check of borrowed handles,
// the per-call arena of C strings, the callbacks and references a handle retains, and the
// conversions of owned C strings and booleans.
package tsc

/*
#include "tsc_go.h"
*/
import "C"

import (
	"runtime/cgo"
	"strings"
	"unsafe"
)

// opener is a handle that can tell whether it is still open; a borrowed handle (an item of a
// list) reads as NULL once its owner is closed, so a stale Go value never reaches freed memory.
type opener interface{ isOpen() bool }

// arena holds the C copies of a call's string arguments, freed when the call returns.
type arena struct {
	ptrs []unsafe.Pointer
	err  error
}

// str copies s into C memory; a NUL byte inside s is an error (C would truncate it).
func (a *arena) str(s string) *C.char {
	if a.err == nil && strings.IndexByte(s, 0) >= 0 {
		a.err = misuse("string argument contains a NUL byte")
	}
	p := C.CString(s)
	a.ptrs = append(a.ptrs, unsafe.Pointer(p))
	return p
}

// optStr is str for a parameter that may be NULL: the empty string passes NULL.
func (a *arena) optStr(s string) *C.char {
	if s == "" {
		return nil
	}
	return a.str(s)
}

// strs copies v into a C array of C strings (never NULL, even when empty).
func (a *arena) strs(v []string) **C.char {
	n := len(v)
	if n == 0 {
		n = 1
	}
	mem := C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof((*C.char)(nil))))
	a.ptrs = append(a.ptrs, mem)
	arr := unsafe.Slice((**C.char)(mem), n)
	for i, s := range v {
		arr[i] = a.str(s)
	}
	return (**C.char)(mem)
}

func (a *arena) free() {
	for _, p := range a.ptrs {
		C.free(p)
	}
	a.ptrs = nil
}

// retained is what a handle keeps for the C side: callbacks set on it (as cgo.Handles, deleted
// on Close) and handles passed to its setters (kept reachable, and readable by the runtime).
type retained struct {
	cbs  map[string]cgo.Handle
	refs map[string]interface{}
}

// setCallback records the callback set by the setter key, releasing the one it replaces.
func (r *retained) setCallback(key string, h cgo.Handle, set bool) {
	if old, ok := r.cbs[key]; ok {
		old.Delete()
		delete(r.cbs, key)
	}
	if set {
		if r.cbs == nil {
			r.cbs = map[string]cgo.Handle{}
		}
		r.cbs[key] = h
	}
}

// keep records the handle passed to the setter key (nil forgets it).
func (r *retained) keep(key string, v interface{}, set bool) {
	if !set {
		delete(r.refs, key)
		return
	}
	if r.refs == nil {
		r.refs = map[string]interface{}{}
	}
	r.refs[key] = v
}

// states are the callback states of the callbacks set on the handle.
func (r *retained) states() []*callState {
	if len(r.cbs) == 0 {
		return nil
	}
	out := make([]*callState, 0, len(r.cbs))
	for _, h := range r.cbs {
		out = append(out, h.Value().(*callState))
	}
	return out
}

// release deletes every callback handle (after the C handle was freed).
func (r *retained) release() {
	for _, h := range r.cbs {
		h.Delete()
	}
	r.cbs = nil
	r.refs = nil
}

// userdata passes a cgo.Handle to C as an integer-valued void *.
func userdata(h cgo.Handle) unsafe.Pointer {
	return C.tsc_go_userdata(C.uintptr_t(h))
}

// takeString copies an owned C string into Go and frees it ("" for NULL).
func takeString(p *C.char) string {
	if p == nil {
		return ""
	}
	s := C.GoString(p)
	C.tsc_string_free(p)
	return s
}

func cbool(b bool) C.int32_t {
	if b {
		return 1
	}
	return 0
}
