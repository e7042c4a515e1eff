#include "samplerequest.h"

#include "demoseeder.h"

#include <QFile>
#include <QFileInfo>

namespace SampleRequest {

QString path()
{
    const QString dir = DemoSeeder::findDemoDir();
    if (dir.isEmpty())
        return {};
    const QString file = dir + QStringLiteral("/sample-request.json");
    return QFileInfo(file).isFile() ? file : QString();
}

QByteArray body()
{
    const QString file = path();
    if (file.isEmpty())
        return {};
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    return in.read(1024 * 1024);
}

} // namespace SampleRequest
