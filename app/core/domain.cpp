#include "domain.h"

QString authModeYamlName(AuthMode mode)
{
    switch (mode) {
    case AuthMode::Key:
        return QStringLiteral("key");
    case AuthMode::AmlToken:
        return QStringLiteral("aml_token");
    case AuthMode::AadToken:
        return QStringLiteral("aad_token");
    }
    return QString();
}

QString authModeArmName(AuthMode mode)
{
    switch (mode) {
    case AuthMode::Key:
        return QStringLiteral("Key");
    case AuthMode::AmlToken:
        return QStringLiteral("AMLToken");
    case AuthMode::AadToken:
        return QStringLiteral("AADToken");
    }
    return QString();
}

std::optional<AuthMode> authModeFromYaml(const QString &text)
{
    for (AuthMode mode : { AuthMode::Key, AuthMode::AmlToken, AuthMode::AadToken }) {
        if (text == authModeYamlName(mode))
            return mode;
    }
    return std::nullopt;
}

std::optional<AuthMode> authModeFromArm(const QString &text)
{
    for (AuthMode mode : { AuthMode::Key, AuthMode::AmlToken, AuthMode::AadToken }) {
        if (text.compare(authModeArmName(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}
