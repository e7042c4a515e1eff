#pragma once

// Keys, tokens and their comparison. Random bytes come from the system CSPRNG
// (QRandomGenerator::system()); comparisons take the same time whatever matches.

#include "domain.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Secrets {

QByteArray randomBytes(int count);

// An endpoint key: 32 random bytes, base64 (44 characters).
QString newKey();

bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// aml_token tokens: "<base64url payload>.<base64url HMAC-SHA256>", payload = endpoint name
// and expiry, signed with the endpoint's secret. Valid for `lifetimeSeconds`.
AccessToken issueToken(const QString &endpoint, const QByteArray &secret, qint64 nowSeconds,
                       qint64 lifetimeSeconds = 3600);
bool verifyToken(QByteArrayView token, const QString &endpoint, const QByteArray &secret,
                 qint64 nowSeconds);

} // namespace Secrets
