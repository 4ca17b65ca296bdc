// tsc/cpp_runtime.hpp: the hand-written part of the C++17 binding of libtsc (string arguments,
// owned and borrowed strings, callback adapters, the per-thread pending exception of callbacks,
// list and pager iterators). Do not include it directly: `#include <tsc.hpp>`, which is
// generated from include/tsc-api.json by tools/gen (tools/gen/src/bind_cpp/) and includes this.
#ifndef TSC_CPP_RUNTIME_HPP
#define TSC_CPP_RUNTIME_HPP

#ifndef TSC_HPP_INSIDE
#error "include <tsc.hpp>, not tsc/cpp_runtime.hpp"
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace tsc {

/// A string argument: a `const char *` (not NULL) or a `std::string` is passed as it is (already
/// NUL-terminated); a `std::string_view` is copied into a NUL-terminated buffer. A string with an
/// embedded NUL throws `std::invalid_argument` (C would silently cut it). Only for parameters:
/// it may point into the caller's string, so it must not outlive the call.
class string_arg {
public:
    string_arg(const char *s) : p_(s) {  // NOLINT: implicit on purpose
        if (s == nullptr) throw std::invalid_argument("tsc: NULL passed for a string that must not be NULL");
    }
    string_arg(const std::string &s) : p_(s.c_str()) { check(s.data(), s.size()); }  // NOLINT
    string_arg(std::string_view s) : copy_(s), p_(copy_.c_str()) { check(s.data(), s.size()); }  // NOLINT
    string_arg(const string_arg &) = delete;
    string_arg &operator=(const string_arg &) = delete;
    const char *c_str() const noexcept { return p_; }

private:
    static void check(const char *d, std::size_t n) {
        if (n != 0 && std::memchr(d, '\0', n) != nullptr)
            throw std::invalid_argument("tsc: a string argument contains a NUL character");
    }
    std::string copy_;
    const char *p_;
};

/// A string argument that may be absent (NULL in C): `{}`, `std::nullopt` or `nullptr` for
/// absent, otherwise what `string_arg` takes, or a `std::optional` of a string.
class nullable_string_arg {
public:
    nullable_string_arg() noexcept = default;
    nullable_string_arg(std::nullopt_t) noexcept {}   // NOLINT
    nullable_string_arg(std::nullptr_t) noexcept {}   // NOLINT
    nullable_string_arg(const char *s) : p_(s) {}     // NOLINT
    nullable_string_arg(const std::string &s) : p_(s.c_str()) { check(s.data(), s.size()); }  // NOLINT
    nullable_string_arg(std::string_view s) : copy_(s), p_(copy_.c_str()) { check(s.data(), s.size()); }  // NOLINT
    nullable_string_arg(const std::optional<std::string> &s)  // NOLINT
        : p_(s ? s->c_str() : nullptr) { if (s) check(s->data(), s->size()); }
    nullable_string_arg(const std::optional<std::string_view> &s)  // NOLINT
        : copy_(s ? std::string(*s) : std::string()), p_(s ? copy_.c_str() : nullptr) { if (s) check(s->data(), s->size()); }
    nullable_string_arg(const nullable_string_arg &) = delete;
    nullable_string_arg &operator=(const nullable_string_arg &) = delete;
    const char *c_str() const noexcept { return p_; }

private:
    static void check(const char *d, std::size_t n) {
        if (n != 0 && std::memchr(d, '\0', n) != nullptr)
            throw std::invalid_argument("tsc: a string argument contains a NUL character");
    }
    std::string copy_;
    const char *p_ = nullptr;
};

/// A list of strings for a `(const char *const *, size_t)` pair of C parameters: a
/// `std::vector<std::string>`, a `std::vector<std::string_view>` or a braced list. Copied.
class string_list_arg {
public:
    string_list_arg(const std::vector<std::string> &v) : s_(v.begin(), v.end()) { init(); }  // NOLINT
    string_list_arg(const std::vector<std::string_view> &v) : s_(v.begin(), v.end()) { init(); }  // NOLINT
    string_list_arg(std::initializer_list<std::string_view> v) : s_(v.begin(), v.end()) { init(); }  // NOLINT
    string_list_arg(const string_list_arg &) = delete;
    string_list_arg &operator=(const string_list_arg &) = delete;
    const char *const *data() const noexcept { return p_.data(); }
    std::size_t size() const noexcept { return p_.size(); }

private:
    void init() {
        p_.reserve(s_.size());
        for (const auto &s : s_) {
            if (s.find('\0') != std::string::npos)
                throw std::invalid_argument("tsc: a string argument contains a NUL character");
            p_.push_back(s.c_str());
        }
    }
    std::vector<std::string> s_;
    std::vector<const char *> p_;
};

/// A callback taking `A...`, for a C callback typedef (`tsc_progress_fn`, ...) minus its
/// `userdata`. Built from any callable: one returning `void` continues; one returning a value
/// converts it to `int32_t` (0, or `tsc::cb::continue_`, continues; anything else aborts the
/// transfer with `TSC_STATUS_ABORTED_BY_CALLBACK`, the value in `tsc::error::callback_code()`).
/// An exception thrown by the callable aborts the transfer too and is rethrown by the call that
/// ran the callback, on the calling thread, once the library has returned: exceptions never
/// cross into native code.
template <class... A>
class callback {
public:
    callback() noexcept = default;
    callback(std::nullptr_t) noexcept {}  // NOLINT
    template <class F,
              class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, callback> &&
                                       !std::is_same_v<std::decay_t<F>, std::nullptr_t> &&
                                       std::is_invocable_v<F &, A...>>>
    callback(F f) : f_(adapt(std::move(f))) {}  // NOLINT
    explicit operator bool() const noexcept { return static_cast<bool>(f_); }
    std::int32_t operator()(A... a) const { return f_(a...); }

private:
    template <class F>
    static std::function<std::int32_t(A...)> adapt(F f) {
        if constexpr (std::is_void_v<std::invoke_result_t<F &, A...>>) {
            return [f = std::move(f)](A... a) mutable -> std::int32_t { f(a...); return 0; };
        } else {
            return [f = std::move(f)](A... a) mutable -> std::int32_t { return static_cast<std::int32_t>(f(a...)); };
        }
    }
    std::function<std::int32_t(A...)> f_;
};

namespace detail {

/// The exception a callback threw on this thread, waiting for the call that ran it to return.
inline std::exception_ptr &pending() noexcept {
    thread_local std::exception_ptr p;
    return p;
}

/// Rethrows (and clears) the exception a callback threw on this thread, if any.
inline void rethrow_pending() {
    std::exception_ptr &p = pending();
    if (p) {
        std::exception_ptr e = std::move(p);
        p = nullptr;
        std::rethrow_exception(e);
    }
}

/// What every `extern "C"` trampoline does: calls the callback at `userdata` and turns any
/// exception into an abort (the exception waits in `pending()`).
template <class Fn, class... A>
std::int32_t invoke(void *userdata, A... a) noexcept {
    try {
        return (*static_cast<const Fn *>(userdata))(a...);
    } catch (...) {
        if (!pending()) pending() = std::current_exception();
        return 1;
    }
}

/// The retained callbacks (`tsc_log_fn`, `tsc_jwt_fn`: kept by the library and called later, from
/// any thread) that each native handle may still call, by handle address: a callable lives as
/// long as the last handle that holds it (options, credentials, and every server made from the
/// options or signed in with the credentials), however the C++ objects are moved or destroyed.
/// Owning classes of those handles call `forget` before they free the handle.
struct retained_entry {
    const char *slot;  // the setter that kept it: replaced when set again on the same handle
    std::shared_ptr<const void> fn;
};

inline std::mutex &retained_mutex() noexcept {
    static std::mutex m;
    return m;
}

inline std::unordered_map<const void *, std::vector<retained_entry>> &retained_map() noexcept {
    static auto *m = new std::unordered_map<const void *, std::vector<retained_entry>>();  // never destroyed: handles may outlive static destruction
    return *m;
}

/// `holder` now keeps `fn` for `slot` (replacing what it kept for `slot`; NULL `fn` forgets it).
inline void retain(const void *holder, const char *slot, std::shared_ptr<const void> fn) {
    if (holder == nullptr) return;
    std::shared_ptr<const void> old;
    std::lock_guard<std::mutex> g(retained_mutex());
    auto &v = retained_map()[holder];
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (std::strcmp(it->slot, slot) == 0) {
            old = std::move(it->fn);
            v.erase(it);
            break;
        }
    }
    if (fn) v.push_back(retained_entry{slot, std::move(fn)});
    if (v.empty()) retained_map().erase(holder);
}

/// `to` now also keeps everything `from` keeps (the library copied `from`'s callbacks into `to`).
/// Kept callables accumulate on `to` until it is freed: an earlier one may still be running.
inline void retain_copy(const void *to, const void *from) {
    if (to == nullptr || from == nullptr) return;
    std::lock_guard<std::mutex> g(retained_mutex());
    auto &m = retained_map();
    auto f = m.find(from);
    if (f == m.end()) return;
    std::vector<retained_entry> add = f->second;
    auto &v = m[to];
    for (auto &e : add) {
        bool have = false;
        for (auto &k : v) have = have || k.fn == e.fn;
        if (!have) v.push_back(retained_entry{"", std::move(e.fn)});
    }
}

/// Takes what `holder` keeps out of the registry; the caller frees the handle, then drops it.
inline std::vector<retained_entry> forget(const void *holder) {
    std::vector<retained_entry> out;
    if (holder == nullptr) return out;
    std::lock_guard<std::mutex> g(retained_mutex());
    auto &m = retained_map();
    auto f = m.find(holder);
    if (f != m.end()) {
        out = std::move(f->second);
        m.erase(f);
    }
    return out;
}

/// A borrowed C string as an optional view (nullopt for NULL), valid while its owner lives.
inline std::optional<std::string_view> borrowed(const char *s) noexcept {
    if (s == nullptr) return std::nullopt;
    return std::string_view(s);
}

/// A borrowed C string copied (nullopt for NULL).
inline std::optional<std::string> copied(const char *s) {
    if (s == nullptr) return std::nullopt;
    return std::string(s);
}

/// A static C string as a view ("" for NULL).
inline std::string_view static_str(const char *s) noexcept { return s ? std::string_view(s) : std::string_view(); }

/// An owned C string (`char *` from the library): copied, then freed with tsc_string_free.
inline std::optional<std::string> owned_string(char *s) {
    if (s == nullptr) return std::nullopt;
    struct guard {
        char *s;
        ~guard() { tsc_string_free(s); }
    } g{s};
    return std::string(s);
}

/// An int32_t boolean of the C API (1, 0, -1 absent) as an optional bool.
inline std::optional<bool> opt_bool(std::int32_t v) noexcept {
    if (v < 0) return std::nullopt;
    return v != 0;
}

/// An optional bool as the C API's int32_t boolean (-1 clears).
inline std::int32_t c_bool(std::optional<bool> v) noexcept { return v ? (*v ? 1 : 0) : -1; }

/// Iterates a list handle (anything with `size()` and `operator[]` returning `Ref`).
template <class List, class Ref>
class list_iterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Ref;
    using difference_type = std::ptrdiff_t;
    using pointer = const Ref *;
    using reference = const Ref &;
    list_iterator() noexcept = default;
    list_iterator(const List *l, std::size_t i) noexcept : l_(l), i_(i) {}
    const Ref &operator*() const { cur_ = (*l_)[i_]; return cur_; }
    const Ref *operator->() const { return &**this; }
    list_iterator &operator++() noexcept { ++i_; return *this; }
    list_iterator operator++(int) noexcept { list_iterator t = *this; ++i_; return t; }
    bool operator==(const list_iterator &o) const noexcept { return i_ == o.i_; }
    bool operator!=(const list_iterator &o) const noexcept { return i_ != o.i_; }

private:
    const List *l_ = nullptr;
    std::size_t i_ = 0;
    mutable Ref cur_;
};

/// Iterates the pages of a pager (`Pager::fetch_next()` stores the next page in `current()`,
/// empty at the end). Each page stays valid until the iterator moves on.
template <class Pager, class Page>
class page_iterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Page;
    using difference_type = std::ptrdiff_t;
    using pointer = Page *;
    using reference = Page &;
    page_iterator() noexcept = default;
    explicit page_iterator(Pager *p) : p_(p) { if (p_ && !p_->current()) p_ = nullptr; }
    Page &operator*() const noexcept { return p_->current(); }
    Page *operator->() const noexcept { return &p_->current(); }
    page_iterator &operator++() {
        p_->fetch_next();
        if (!p_->current()) p_ = nullptr;
        return *this;
    }
    bool operator==(const page_iterator &o) const noexcept { return p_ == o.p_; }
    bool operator!=(const page_iterator &o) const noexcept { return p_ != o.p_; }

private:
    Pager *p_ = nullptr;
};

/// Iterates every item of every page of a pager; an item stays valid until the next page is
/// fetched (clone it to keep it).
template <class Pager, class Page, class Ref>
class item_iterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Ref;
    using difference_type = std::ptrdiff_t;
    using pointer = const Ref *;
    using reference = const Ref &;
    item_iterator() noexcept = default;
    explicit item_iterator(Pager *p) : p_(p) { settle(); }
    const Ref &operator*() const { cur_ = p_->current()[i_]; return cur_; }
    const Ref *operator->() const { return &**this; }
    item_iterator &operator++() {
        ++i_;
        settle();
        return *this;
    }
    bool operator==(const item_iterator &o) const noexcept { return p_ == o.p_ && i_ == o.i_; }
    bool operator!=(const item_iterator &o) const noexcept { return !(*this == o); }

private:
    void settle() {
        while (p_) {
            if (!p_->current()) { p_ = nullptr; i_ = 0; return; }
            if (i_ < p_->current().size()) return;
            p_->fetch_next();
            i_ = 0;
        }
    }
    Pager *p_ = nullptr;
    std::size_t i_ = 0;
    mutable Ref cur_;
};

/// The items of a pager that was a temporary (`for (auto x : server.users().pager(...).items())`):
/// holds the pager itself, so it lives as long as the loop.
template <class Pager>
struct owned_items {
    Pager p;
    auto begin() { return p.items().begin(); }
    auto end() { return p.items().end(); }
};

/// A range of two iterators.
template <class It>
struct range {
    It b, e;
    It begin() const { return b; }
    It end() const { return e; }
};

}  // namespace detail
}  // namespace tsc

#endif
