#include "armjson.h"
#include "armjsonsupport.h"

// The local extensions of the contract: GET .../history and GET .../metrics?since=CURSOR.

using namespace ArmJson::Detail;

namespace ArmJson {

namespace {

// {"before": {...}, "after": {...}}
void readChange(ObjectReader &item, const char *key, TrafficMap &before, TrafficMap &after)
{
    if (std::optional<ObjectReader> change = item.object(key)) {
        before = change->intMap("before").value_or(TrafficMap());
        after = change->intMap("after").value_or(TrafficMap());
    }
}

QJsonObject changeToJson(const TrafficMap &before, const TrafficMap &after)
{
    return QJsonObject { { QStringLiteral("before"), toJsonObject(before) },
        { QStringLiteral("after"), toJsonObject(after) } };
}

QString itemPath(const char *list, qsizetype index)
{
    return QLatin1String(list) + QStringLiteral("[%1]").arg(index);
}

// Reads the objects of an array field, naming "list[i]" in errors.
template<typename Read>
void readItems(ObjectReader &top, const char *list, ShapeErrors &errors, Read read)
{
    const QJsonArray items = top.array(list).value_or(QJsonArray());
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject()) {
            errors.wrongType(itemPath(list, i), QStringLiteral("an object"), items.at(i),
                QStringLiteral("write a JSON object {...}"));
            continue;
        }
        ObjectReader item(items.at(i).toObject(), itemPath(list, i), &errors);
        read(item);
    }
}

} // namespace

Result<QList<TrafficChange>> historyFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader top(json, QString(), &errors);
    QList<TrafficChange> changes;
    readItems(top, "value", errors, [&changes](ObjectReader &item) {
        TrafficChange change;
        change.time = item.string("time");
        change.client = item.string("client");
        readChange(item, "traffic", change.trafficBefore, change.trafficAfter);
        readChange(item, "mirrorTraffic", change.mirrorBefore, change.mirrorAfter);
        changes.append(change);
    });
    if (errors.failed())
        return errors.error();
    return changes;
}

QJsonObject historyToJson(const QList<TrafficChange> &changes)
{
    QJsonArray value;
    for (const TrafficChange &change : changes) {
        value.append(QJsonObject {
            { QStringLiteral("time"), change.time },
            { QStringLiteral("client"), change.client },
            { QStringLiteral("traffic"), changeToJson(change.trafficBefore, change.trafficAfter) },
            { QStringLiteral("mirrorTraffic"),
                changeToJson(change.mirrorBefore, change.mirrorAfter) },
        });
    }
    return QJsonObject { { QStringLiteral("value"), value } };
}

Result<MetricsPage> metricsFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader top(json, QString(), &errors);
    MetricsPage page;
    page.cursor = top.integer("cursor").value_or(0);
    readItems(top, "buckets", errors, [&page](ObjectReader &item) {
        MetricsBucket bucket;
        bucket.t = item.integer("t").value_or(0);
        bucket.deployment = item.string("deployment");
        bucket.requests = item.integer("requests").value_or(0);
        bucket.mirrored = item.integer("mirrored").value_or(0);
        if (std::optional<ObjectReader> status = item.object("status")) {
            bucket.status2xx = status->integer("2xx").value_or(0);
            bucket.status4xx = status->integer("4xx").value_or(0);
            bucket.status5xx = status->integer("5xx").value_or(0);
        }
        if (std::optional<ObjectReader> latency = item.object("latency_ms")) {
            bucket.p50Ms = latency->number("p50").value_or(0);
            bucket.p95Ms = latency->number("p95").value_or(0);
            bucket.p99Ms = latency->number("p99").value_or(0);
        }
        bucket.bytesIn = item.integer("bytes_in").value_or(0);
        bucket.bytesOut = item.integer("bytes_out").value_or(0);
        page.buckets.append(bucket);
    });
    if (errors.failed())
        return errors.error();
    return page;
}

QJsonObject metricsToJson(const MetricsPage &page)
{
    QJsonArray buckets;
    for (const MetricsBucket &bucket : page.buckets) {
        buckets.append(QJsonObject {
            { QStringLiteral("t"), bucket.t },
            { QStringLiteral("deployment"), bucket.deployment },
            { QStringLiteral("requests"), bucket.requests },
            { QStringLiteral("mirrored"), bucket.mirrored },
            { QStringLiteral("status"),
                QJsonObject { { QStringLiteral("2xx"), bucket.status2xx },
                    { QStringLiteral("4xx"), bucket.status4xx },
                    { QStringLiteral("5xx"), bucket.status5xx } } },
            { QStringLiteral("latency_ms"),
                QJsonObject { { QStringLiteral("p50"), bucket.p50Ms },
                    { QStringLiteral("p95"), bucket.p95Ms },
                    { QStringLiteral("p99"), bucket.p99Ms } } },
            { QStringLiteral("bytes_in"), bucket.bytesIn },
            { QStringLiteral("bytes_out"), bucket.bytesOut },
        });
    }
    return QJsonObject { { QStringLiteral("cursor"), page.cursor },
        { QStringLiteral("buckets"), buckets } };
}

} // namespace ArmJson
