#include "secrets.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <cstring>

namespace Secrets {

QByteArray randomBytes(int count)
{
    // Words from the system CSPRNG copied out byte-wise: no type punning of the byte array.
    QByteArray bytes(qMax(0, count), Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); i += 4) {
        const quint32 word = QRandomGenerator::system()->generate();
        std::memcpy(bytes.data() + i, &word, size_t(qMin<qsizetype>(4, bytes.size() - i)));
    }
    return bytes;
}

QString newKey()
{
    return QString::fromLatin1(randomBytes(32).toBase64());
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Compare every byte of the expected length, so the time does not tell where it differs.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = a.size();
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char other = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= static_cast<unsigned char>(a[i]) ^ other;
    }
    return diff == 0;
}

static QByteArray sign(const QByteArray &payload, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(payload, secret, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

AccessToken issueToken(const QString &endpoint, const QByteArray &secret, qint64 nowSeconds,
                       qint64 lifetimeSeconds)
{
    const qint64 expiry = nowSeconds + lifetimeSeconds;
    const QByteArray payload =
        QJsonDocument(QJsonObject{ { QStringLiteral("ep"), endpoint }, { QStringLiteral("exp"), expiry } })
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    AccessToken token;
    token.accessToken = QString::fromLatin1(payload + '.' + sign(payload, secret));
    token.tokenType = QStringLiteral("Bearer");
    token.expiryTimeUtc = expiry;
    token.refreshAfterTimeUtc = nowSeconds + lifetimeSeconds / 2;
    return token;
}

bool verifyToken(QByteArrayView token, const QString &endpoint, const QByteArray &secret,
                 qint64 nowSeconds)
{
    const qsizetype dot = token.indexOf('.');
    if (dot <= 0 || secret.isEmpty())
        return false;
    const QByteArray payload = token.first(dot).toByteArray();
    if (!constantTimeEquals(sign(payload, secret), token.sliced(dot + 1)))
        return false;
    const QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(payload, QByteArray::Base64UrlEncoding)).object();
    return claims.value(QStringLiteral("ep")).toString() == endpoint
        && claims.value(QStringLiteral("exp")).toInteger() > nowSeconds;
}

} // namespace Secrets
