#pragma once

#include <QString>

// Who is calling: recorded by the host in the traffic history ("rolloutctl", "rolloutdesk").
namespace ClientInfo {
QString userAgent(const QString &program);
} // namespace ClientInfo
