#pragma once

#include <QString>
#include <utility>
#include <variant>

// An error travelling between modules as a value: what is wrong and how to fix it.
struct Error
{
    QString
        code; // machine-readable kind, ARM style: "ValidationError", "NotFound", "Conflict", ...
    QString message; // for people: what is wrong and how to fix it
    QString target; // the field or path at fault, e.g. "request_settings.request_timeout_ms"
    int line = 0; // 1-based position in a source file; 0 when unknown
    int column = 0;

    // "file:line:column: message" style text, used by the CLI and the app alike.
    QString toString() const;

    static Error validation(const QString &target, const QString &message)
    {
        return Error { QStringLiteral("ValidationError"), message, target, 0, 0 };
    }
};

// A small expected<T, Error>: g++ 12 has no std::expected.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(const T &value)
        : m_data(std::in_place_index<0>, value)
    { }
    Result(T &&value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(const Error &error)
        : m_data(std::in_place_index<1>, error)
    { }
    Result(Error &&error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &std::get<0>(m_data); }
    T *operator->() { return &std::get<0>(m_data); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(const Error &error)
        : m_error(error)
        , m_ok(false)
    { }
    Result(Error &&error)
        : m_error(std::move(error))
        , m_ok(false)
    { }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;
