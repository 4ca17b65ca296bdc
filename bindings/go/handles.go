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
	"sync"
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
// Retained callbacks (log, JWT source: kept by the C side and called later from any thread) are
// kept apart, counted: each handle that may call one holds a reference, and its cgo.Handle is
// deleted when the last of them is closed (a server made from options keeps their log callback,
// one signed in with credentials their JWT source, after the options or credentials are closed).
type retained struct {
	cbs  map[string]cgo.Handle
	refs map[string]interface{}

	mu   sync.Mutex // guards kept: SignIn may run on several goroutines at once
	slot map[string]*keptFn
	kept []*keptFn
}

// setKept makes k (one reference, given) the retained callback of setter key, releasing the
// one it replaces (nil forgets it).
func (r *retained) setKept(key string, k *keptFn) {
	r.mu.Lock()
	old := r.slot[key]
	if k != nil {
		if r.slot == nil {
			r.slot = map[string]*keptFn{}
		}
		r.slot[key] = k
	} else {
		delete(r.slot, key)
	}
	r.mu.Unlock()
	old.unref()
}

// copyKept makes r hold a reference to every retained callback from holds: the C side copied
// them into r's handle. They accumulate until r is closed (an earlier one may still run).
func (r *retained) copyKept(from *retained) {
	if from == nil || from == r {
		return
	}
	from.mu.Lock()
	var add []*keptFn
	for _, k := range from.slot {
		add = append(add, k)
	}
	add = append(add, from.kept...)
	from.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range add {
		have := false
		for _, h := range r.kept {
			have = have || h == k
		}
		for _, h := range r.slot {
			have = have || h == k
		}
		if !have {
			k.ref()
			r.kept = append(r.kept, k)
		}
	}
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
	r.mu.Lock()
	slot, kept := r.slot, r.kept
	r.slot, r.kept = nil, nil
	r.mu.Unlock()
	for _, k := range slot {
		k.unref()
	}
	for _, k := range kept {
		k.unref()
	}
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
