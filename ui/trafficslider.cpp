#include "trafficslider.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace {
constexpr int BarHeight = 20;
constexpr int HandleRadius = 12;
constexpr int NameRowGap = 6;
constexpr int MarkLength = 5;
} // namespace

TrafficSlider::TrafficSlider(QWidget *parent) : QAbstractSlider(parent)
{
    setOrientation(Qt::Horizontal);
    setRange(0, 100);
    setSingleStep(1);
    setPageStep(10);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Traffic split"));
    connect(this, &QAbstractSlider::valueChanged, this, [this]() { update(); });
}

void TrafficSlider::setNames(const QString &first, const QString &second)
{
    m_first = first;
    m_second = second;
    setAccessibleDescription(tr("Share of the live traffic that goes to %1 (the rest goes to %2)").arg(second, first));
    update();
}

void TrafficSlider::setColors(const QColor &first, const QColor &second)
{
    m_firstColor = first;
    m_secondColor = second;
    update();
}

void TrafficSlider::setMarks(const QList<int> &marks)
{
    m_marks = marks;
    update();
}

QSize TrafficSlider::sizeHint() const
{
    return { 420, minimumSizeHint().height() };
}

QSize TrafficSlider::minimumSizeHint() const
{
    const int text = fontMetrics().height();
    return { 200, text + NameRowGap + 2 * HandleRadius + MarkLength + 4 };
}

QRectF TrafficSlider::barRect() const
{
    const int top = fontMetrics().height() + NameRowGap + HandleRadius - BarHeight / 2;
    return QRectF(HandleRadius, top, width() - 2 * HandleRadius, BarHeight);
}

double TrafficSlider::boundaryX() const
{
    const QRectF bar = barRect();
    return bar.left() + bar.width() * (maximum() - value()) / double(std::max(1, maximum() - minimum()));
}

int TrafficSlider::valueAt(double x) const
{
    const QRectF bar = barRect();
    const double fraction = std::clamp((x - bar.left()) / std::max(1.0, bar.width()), 0.0, 1.0);
    return maximum() - int(std::lround(fraction * (maximum() - minimum())));
}

void TrafficSlider::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const bool enabled = isEnabled();
    auto tone = [&](const QColor &c) {
        if (enabled)
            return c;
        QColor muted = c;
        muted.setHsv(c.hsvHue(), c.hsvSaturation() / 4, c.value());
        return muted;
    };
    const QColor first = tone(m_firstColor.isValid() ? m_firstColor : pal.color(QPalette::Highlight));
    const QColor second = tone(m_secondColor.isValid() ? m_secondColor : pal.color(QPalette::Mid));

    // Names and shares at both ends, each in its deployment's colour.
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const int textHeight = fontMetrics().height();
    const QRect nameRow(HandleRadius, 0, width() - 2 * HandleRadius, textHeight);
    const QString left = tr("%1  %2 %").arg(m_first).arg(maximum() - value());
    const QString right = tr("%1 %  %2").arg(value()).arg(m_second);
    p.setPen(first);
    p.drawText(nameRow, Qt::AlignLeft | Qt::AlignVCenter, left);
    p.setPen(second);
    p.drawText(nameRow, Qt::AlignRight | Qt::AlignVCenter, right);

    // The bar: each share as long as it is.
    const QRectF bar = barRect();
    const double split = boundaryX();
    QPainterPath rounded;
    rounded.addRoundedRect(bar, BarHeight / 2.0, BarHeight / 2.0);
    p.save();
    p.setClipPath(rounded);
    p.fillRect(QRectF(bar.left(), bar.top(), split - bar.left(), bar.height()), first);
    p.fillRect(QRectF(split, bar.top(), bar.right() - split, bar.height()), second);
    p.restore();

    // Preset marks under the bar.
    p.setPen(QPen(pal.color(QPalette::PlaceholderText), 1));
    for (int mark : std::as_const(m_marks)) {
        const double x = bar.left() + bar.width() * (maximum() - mark) / double(std::max(1, maximum() - minimum()));
        p.drawLine(QPointF(x, bar.bottom() + HandleRadius - BarHeight / 2.0 + 2),
                   QPointF(x, bar.bottom() + HandleRadius - BarHeight / 2.0 + 2 + MarkLength));
    }

    // The handle, with a focus ring when the keyboard drives it.
    const QPointF centre(split, bar.center().y());
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.setBrush(pal.color(QPalette::Button));
    p.drawEllipse(centre, HandleRadius - 1.0, HandleRadius - 1.0);
    p.setPen(QPen(pal.color(QPalette::ButtonText), 1.6));
    for (double dx : { -3.0, 0.0, 3.0 })
        p.drawLine(QPointF(centre.x() + dx, centre.y() - 4), QPointF(centre.x() + dx, centre.y() + 4));
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(centre, HandleRadius + 0.5, HandleRadius + 0.5);
    }
}

void TrafficSlider::keyPressEvent(QKeyEvent *event)
{
    // The border moves left as the second share grows, so Left/Right are turned round to
    // move the handle the way the arrow points; the other keys keep their meaning.
    const bool rtl = layoutDirection() == Qt::RightToLeft;
    if (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right) {
        const bool towardsSecond = (event->key() == Qt::Key_Left) != rtl;
        triggerAction(towardsSecond ? SliderSingleStepAdd : SliderSingleStepSub);
        event->accept();
        return;
    }
    QAbstractSlider::keyPressEvent(event);
}

void TrafficSlider::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractSlider::mousePressEvent(event);
        return;
    }
    m_dragging = true;
    setSliderDown(true);
    setSliderPosition(valueAt(event->position().x()));
    triggerAction(SliderMove);
    event->accept();
}

void TrafficSlider::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return;
    setSliderPosition(valueAt(event->position().x()));
    triggerAction(SliderMove);
    event->accept();
}

void TrafficSlider::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return;
    m_dragging = false;
    setSliderDown(false);
    event->accept();
}

void TrafficSlider::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::EnabledChange)
        update();
    QAbstractSlider::changeEvent(event);
}
