#pragma once
// A small value-or-error type (std::expected is C++23; Debian 12's GCC 12
// builds C++20). Errors carry a code callers can branch on and a message a
// person can read.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace tapedeck {

enum class ErrorCode {
    InvalidArgument,
    NotFound,
    AlreadyExists,
    Io,
    DiskFull,
    Network,
    Timeout,
    Cancelled,
    Unsupported,
    Corrupt,
    Codec,
    Internal,
    EndOfStream,
    InUse, // another process owns the file (core/io/FileLock.h)
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

inline Error makeError(ErrorCode code, QString message) { return Error{code, std::move(message)}; }

template<class T> class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }

    const Error &error() const { return std::get<1>(m_v); }
    QString message() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_v;
};

template<> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    QString message() const { return ok() ? QString() : m_error->message; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace tapedeck
