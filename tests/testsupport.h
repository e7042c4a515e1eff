#pragma once

// Paths the tests share: the source tree, the build tree and the optional ../shared sample.

#include <QDir>
#include <QFileInfo>
#include <QString>

namespace TestSupport {

inline QString sourceDir() { return QStringLiteral(ROLLOUTDESK_SOURCE_DIR); }

inline QString binaryDir() { return QStringLiteral(ROLLOUTDESK_BINARY_DIR); }

// ../shared beside the checkout, or empty when it is absent (a user's clone).
inline QString sharedDir()
{
    const QString dir = QStringLiteral(ROLLOUTDESK_SHARED_DIR);
    return QFileInfo(dir + QStringLiteral("/azureml")).isDir() ? QDir(dir).absolutePath()
                                                               : QString();
}

} // namespace TestSupport

#define RD_REQUIRE_SHARED()                                                                        \
    do {                                                                                           \
        if (TestSupport::sharedDir().isEmpty())                                                    \
            QSKIP("../shared is absent (a user's clone): the Azure ML sample checks are skipped"); \
    } while (false)
