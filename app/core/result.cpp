#include "result.h"

QString Error::toString() const
{
    QString text;
    if (line > 0) {
        text = QStringLiteral("line %1").arg(line);
        if (column > 0)
            text += QStringLiteral(", column %1").arg(column);
        text += QStringLiteral(": ");
    }
    return text + message;
}
