// libFuzzer target: the CLI traffic string "blue=90 green=10" (Rules::parseTrafficString).
// Besides never crashing, a string that parses must print (formatTraffic) as one that
// parses back to the same map, and the traffic rules must judge it without crashing.

#include "rules.h"

#include <QString>
#include <QStringList>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<TrafficMap> traffic = Rules::parseTrafficString(text);
    if (!traffic) {
        if (traffic.error().message.isEmpty())
            std::abort(); // every refusal must say what is wrong
        return 0;
    }
    const Result<TrafficMap> again
        = Rules::parseTrafficString(Rules::formatTraffic(traffic.value()));
    if (!again || again.value() != traffic.value())
        std::abort();

    const QStringList deployments = traffic->keys();
    (void)Rules::checkTraffic(traffic.value(), deployments);
    (void)Rules::checkMirrorTraffic(traffic.value(), TrafficMap(), deployments);
    (void)Rules::checkEndpointTraffic(traffic.value(), TrafficMap(), deployments);
    (void)Rules::withAllDeployments(
        Rules::withoutZeros(traffic.value()), TrafficMap(), deployments);
    return 0;
}
