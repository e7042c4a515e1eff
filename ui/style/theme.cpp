#include "theme.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <functional>

namespace Theme {

namespace {

struct Pair
{
    const char *light;
    const char *dark;
};

QColor pick(const Pair &pair, const QPalette &palette)
{
    return QColor(QLatin1String(isDark(palette) ? pair.dark : pair.light));
}

// Drawn in a 24 x 24 box, at the sizes views ask for.
QIcon painted(const std::function<void(QPainter &)> &draw)
{
    QIcon icon;
    for (int size : { 16, 20, 24, 32, 48 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 24.0, size / 24.0);
        draw(p);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

// Icons are drawn once per look: views ask for them on every paint.
QIcon cached(const QString &key, const std::function<QIcon()> &make)
{
    static QHash<QString, QIcon> cache;
    auto it = cache.constFind(key);
    if (it == cache.cend())
        it = cache.insert(key, make());
    return it.value();
}

QString paletteKey(const QPalette &palette)
{
    return palette.color(QPalette::WindowText).name() + palette.color(QPalette::Window).name();
}

QPen strokePen(const QColor &color, double width = 2.0)
{
    QPen pen(color, width);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    return pen;
}

void drawBadge(QPainter &p, const QColor &fill, const std::function<void(QPainter &)> &mark)
{
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawEllipse(QRectF(2, 2, 20, 20));
    p.setBrush(Qt::NoBrush);
    p.setPen(strokePen(Qt::white, 2.4));
    mark(p);
}

void drawCheck(QPainter &p) { p.drawPolyline(QPolygonF({ { 7, 12.5 }, { 10.5, 16 }, { 17, 8.5 } })); }
void drawCross(QPainter &p)
{
    p.drawLine(QPointF(8, 8), QPointF(16, 16));
    p.drawLine(QPointF(16, 8), QPointF(8, 16));
}

void drawArrowArc(QPainter &p, const QColor &color)
{
    p.setPen(strokePen(color));
    p.drawArc(QRectF(4.5, 4.5, 15, 15), 60 * 16, 290 * 16);
    QPainterPath head;
    head.moveTo(19.5, 3.5);
    head.lineTo(19.8, 9.2);
    head.lineTo(14.2, 8.6);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPath(head);
}

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor deploymentColor(const QString &name, int position, const QPalette &palette)
{
    static const Pair blue{ "#1f6fd1", "#5ea3ff" };
    static const Pair green{ "#1b9a4b", "#4fd083" };
    static const struct {
        const char *word;
        Pair colors;
    } named[] = {
        { "red", { "#d13438", "#ff7b7f" } },
        { "orange", { "#ca6500", "#ffa94d" } },
        { "purple", { "#8a3ffc", "#be95ff" } },
        { "yellow", { "#a68a00", "#f1d54a" } },
    };
    const QString lower = name.toLower();
    if (lower.contains(QLatin1String("blue")))
        return pick(blue, palette);
    if (lower.contains(QLatin1String("green")))
        return pick(green, palette);
    for (const auto &entry : named) {
        if (lower.contains(QLatin1String(entry.word)))
            return pick(entry.colors, palette);
    }
    static const Pair cycle[] = { blue, green, { "#ca6500", "#ffa94d" }, { "#8a3ffc", "#be95ff" },
                                  { "#007c89", "#3ccfdc" }, { "#c1338b", "#ff7eb6" } };
    const int count = int(sizeof(cycle) / sizeof(cycle[0]));
    return pick(cycle[((position % count) + count) % count], palette);
}

State stateKind(const QString &provisioningState)
{
    if (provisioningState == QLatin1String("Succeeded"))
        return State::Succeeded;
    if (provisioningState == QLatin1String("Failed") || provisioningState == QLatin1String("Canceled"))
        return State::Failed;
    if (provisioningState.isEmpty())
        return State::Unknown;
    return State::Busy; // Creating, Updating, Scaling, Deleting
}

QColor stateColor(State state, const QPalette &palette)
{
    switch (state) {
    case State::Succeeded:
        return successColor(palette);
    case State::Failed:
        return errorColor(palette);
    case State::Busy:
        return pick({ "#1f6fd1", "#5ea3ff" }, palette);
    case State::Unknown:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

QColor successColor(const QPalette &palette) { return pick({ "#107c10", "#6ccb5f" }, palette); }
QColor errorColor(const QPalette &palette) { return pick({ "#c42b1c", "#ff99a4" }, palette); }
QColor warningColor(const QPalette &palette) { return pick({ "#9d5d00", "#fce100" }, palette); }

QIcon colorDot(const QColor &color)
{
    return cached(QStringLiteral("dot:") + color.name(), [color]() { return painted([color](QPainter &p) {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(QRectF(6, 6, 12, 12));
    }); });
}

namespace {
QIcon drawStateIcon(const QString &provisioningState, const QPalette &palette);
QIcon drawIcon(Icon kind, const QPalette &palette);
} // namespace

QIcon stateIcon(const QString &provisioningState, const QPalette &palette)
{
    const QString key = QStringLiteral("state:%1:%2").arg(int(stateKind(provisioningState))).arg(paletteKey(palette));
    return cached(key, [&]() { return drawStateIcon(provisioningState, palette); });
}

QIcon icon(Icon kind, const QPalette &palette)
{
    const QString key = QStringLiteral("icon:%1:%2").arg(int(kind)).arg(paletteKey(palette));
    return cached(key, [&]() { return drawIcon(kind, palette); });
}

namespace {

QIcon drawStateIcon(const QString &provisioningState, const QPalette &palette)
{
    const State state = stateKind(provisioningState);
    const QColor color = stateColor(state, palette);
    switch (state) {
    case State::Succeeded:
        return painted([color](QPainter &p) { drawBadge(p, color, drawCheck); });
    case State::Failed:
        return painted([color](QPainter &p) { drawBadge(p, color, drawCross); });
    case State::Busy:
        return painted([color](QPainter &p) {
            // An open ring: "in progress".
            p.setPen(strokePen(color, 3));
            p.drawArc(QRectF(4, 4, 16, 16), 90 * 16, -270 * 16);
        });
    case State::Unknown:
        break;
    }
    return painted([color](QPainter &p) {
        p.setPen(strokePen(color));
        p.drawEllipse(QRectF(5, 5, 14, 14));
    });
}

QIcon drawIcon(Icon kind, const QPalette &palette)
{
    const QColor ink = palette.color(QPalette::WindowText);
    switch (kind) {
    case Icon::Endpoint:
        return painted([&palette](QPainter &p) {
            // One entry point, two routes: the endpoint splits traffic.
            const QColor a = deploymentColor(QStringLiteral("blue"), 0, palette);
            const QColor b = deploymentColor(QStringLiteral("green"), 1, palette);
            p.setPen(strokePen(palette.color(QPalette::WindowText), 2));
            p.drawLine(QPointF(3, 12), QPointF(9, 12));
            p.setPen(strokePen(a, 2.2));
            p.drawLine(QPointF(9, 12), QPointF(15, 6.5));
            p.setPen(strokePen(b, 2.2));
            p.drawLine(QPointF(9, 12), QPointF(15, 17.5));
            p.setPen(Qt::NoPen);
            p.setBrush(a);
            p.drawEllipse(QRectF(14.5, 3.5, 6, 6));
            p.setBrush(b);
            p.drawEllipse(QRectF(14.5, 14.5, 6, 6));
        });
    case Icon::Workspace:
        return painted([ink](QPainter &p) {
            p.setPen(strokePen(ink, 1.8));
            p.drawRoundedRect(QRectF(3, 4.5, 18, 12), 2, 2);
            p.drawLine(QPointF(9, 20), QPointF(15, 20));
            p.drawLine(QPointF(12, 16.5), QPointF(12, 20));
        });
    case Icon::Copy:
        return painted([ink](QPainter &p) {
            p.setPen(strokePen(ink, 1.8));
            p.drawRoundedRect(QRectF(8.5, 8.5, 11, 12), 2, 2);
            p.drawPolyline(QPolygonF({ { 15.5, 5.5 }, { 15.5, 4.5 }, { 4.5, 4.5 }, { 4.5, 16.5 }, { 5.5, 16.5 } }));
        });
    case Icon::Reveal:
    case Icon::Conceal:
        return painted([ink, kind](QPainter &p) {
            p.setPen(strokePen(ink, 1.8));
            QPainterPath eye;
            eye.moveTo(2.5, 12);
            eye.quadTo(12, 2, 21.5, 12);
            eye.quadTo(12, 22, 2.5, 12);
            p.drawPath(eye);
            p.setBrush(ink);
            p.drawEllipse(QRectF(9.5, 9.5, 5, 5));
            if (kind == Icon::Conceal)
                p.drawLine(QPointF(4, 20), QPointF(20, 4));
        });
    case Icon::Regenerate:
    case Icon::Refresh:
        return painted([ink](QPainter &p) { drawArrowArc(p, ink); });
    case Icon::Revert:
        return painted([ink](QPainter &p) {
            p.setPen(strokePen(ink, 2));
            QPainterPath path;
            path.moveTo(9, 6);
            path.lineTo(4.5, 10.5);
            path.lineTo(9, 15);
            p.drawPath(path);
            QPainterPath back;
            back.moveTo(5, 10.5);
            back.lineTo(14, 10.5);
            back.quadTo(20, 10.5, 20, 15);
            back.quadTo(20, 19.5, 14, 19.5);
            back.lineTo(10, 19.5);
            p.drawPath(back);
        });
    case Icon::Add:
        return painted([ink](QPainter &p) {
            p.setPen(strokePen(ink, 2));
            p.drawLine(QPointF(12, 5), QPointF(12, 19));
            p.drawLine(QPointF(5, 12), QPointF(19, 12));
        });
    case Icon::Delete:
        return painted([ink](QPainter &p) {
            p.setPen(strokePen(ink, 1.8));
            p.drawLine(QPointF(4, 6.5), QPointF(20, 6.5));
            p.drawPolyline(QPolygonF({ { 9.5, 6.5 }, { 9.5, 4 }, { 14.5, 4 }, { 14.5, 6.5 } }));
            p.drawPolyline(QPolygonF({ { 6, 6.5 }, { 7, 20 }, { 17, 20 }, { 18, 6.5 } }));
            p.drawLine(QPointF(10.5, 10), QPointF(10.5, 16.5));
            p.drawLine(QPointF(13.5, 10), QPointF(13.5, 16.5));
        });
    case Icon::Info:
        return painted([ink = stateColor(State::Busy, palette)](QPainter &p) {
            drawBadge(p, ink, [](QPainter &q) {
                q.drawLine(QPointF(12, 11), QPointF(12, 16.5));
                q.drawPoint(QPointF(12, 7.5));
            });
        });
    case Icon::Warning:
        return painted([color = warningColor(palette)](QPainter &p) {
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawPolygon(QPolygonF({ { 12, 2.5 }, { 22, 20.5 }, { 2, 20.5 } }));
            p.setPen(strokePen(Qt::black, 2.2));
            p.drawLine(QPointF(12, 9), QPointF(12, 14));
            p.drawPoint(QPointF(12, 17.5));
        });
    case Icon::Error:
        return painted([color = errorColor(palette)](QPainter &p) { drawBadge(p, color, drawCross); });
    case Icon::Success:
        return painted([color = successColor(palette)](QPainter &p) { drawBadge(p, color, drawCheck); });
    }
    return {};
}

} // namespace

QString messageStyle(State state, const QPalette &palette)
{
    if (state == State::Unknown)
        return QString();
    return QStringLiteral("color: %1;").arg(stateColor(state, palette).name());
}

} // namespace Theme
