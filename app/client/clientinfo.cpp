#include "clientinfo.h"

#include <QtGlobal>

QString ClientInfo::userAgent(const QString &program)
{
    return program + QStringLiteral("/" ROLLOUTDESK_VERSION " Qt/")
        + QString::fromLatin1(qVersion());
}
