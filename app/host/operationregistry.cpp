#include "operationregistry.h"

#include <QDateTime>
#include <QUuid>

namespace {
constexpr size_t MaxKept = 2000;

QString now() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }
} // namespace

OperationRegistry::OperationRegistry(QObject *parent)
    : QObject(parent)
{ }

QString OperationRegistry::start(const QString &name)
{
    OperationStatus op;
    op.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    op.name = name;
    op.status = QStringLiteral("InProgress");
    op.startTime = now();
    m_operations.insert(op.id, op);
    m_order.push_back(op.id);
    while (m_order.size() > MaxKept) {
        m_operations.remove(m_order.front());
        m_errors.remove(m_order.front());
        m_order.pop_front();
    }
    return op.id;
}

void OperationRegistry::succeed(const QString &id)
{
    finish(id, QStringLiteral("Succeeded"), Error());
}

void OperationRegistry::fail(const QString &id, const Error &error)
{
    finish(id, QStringLiteral("Failed"), error);
}

void OperationRegistry::finish(const QString &id, const QString &status, const Error &error)
{
    auto it = m_operations.find(id);
    if (it == m_operations.end() || it->isTerminal())
        return;
    it->status = status;
    it->endTime = now();
    if (!error.message.isEmpty()) {
        it->errorCode = error.code.isEmpty() ? QStringLiteral("OperationFailed") : error.code;
        it->errorMessage = error.message;
        m_errors.insert(id, error);
    }
    emit operationFinished(id);
}

std::optional<OperationStatus> OperationRegistry::status(const QString &id) const
{
    auto it = m_operations.constFind(id);
    if (it == m_operations.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<Error> OperationRegistry::failure(const QString &id) const
{
    auto it = m_errors.constFind(id);
    if (it == m_errors.constEnd())
        return std::nullopt;
    return *it;
}
