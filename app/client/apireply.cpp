#include "apireply.h"

QByteArray ApiResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void ApiReply::finish(const ApiResult &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    emit finished(m_result);
    deleteLater();
}
