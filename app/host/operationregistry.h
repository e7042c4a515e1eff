#pragma once

// Long-running operations as ARM has them: each change gets an id whose status resource
// (Azure-AsyncOperation) and result (Location) clients poll.

#include "domain.h"
#include "result.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <deque>

class OperationRegistry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperationRegistry)
public:
    explicit OperationRegistry(QObject *parent = nullptr);

    QString start(const QString &name); // returns the new operation's id
    void succeed(const QString &id);
    void fail(const QString &id, const Error &error);
    std::optional<OperationStatus> status(const QString &id) const;
    std::optional<Error> failure(const QString &id) const;

signals:
    void operationFinished(const QString &id);

private:
    void finish(const QString &id, const QString &status, const Error &error);

    QHash<QString, OperationStatus> m_operations;
    QHash<QString, Error> m_errors;
    std::deque<QString> m_order; // oldest first, so memory stays bounded
};
