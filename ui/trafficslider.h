#pragma once

// The blue/green split as one bar: the first deployment's share on the left in its colour,
// the second's on the right in its own, the handle at the border between them. value() is
// the second deployment's share, 0-100. Keyboard: Left/Right move the handle that way by
// 1 % (Left gives the second deployment more), Up/Page Up add 1 %/10 % to the second,
// Down/Page Down take them away, Home/End set 0 %/100 %.

#include <QAbstractSlider>
#include <QColor>

class TrafficSlider final : public QAbstractSlider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficSlider)
public:
    explicit TrafficSlider(QWidget *parent = nullptr);

    void setNames(const QString &first, const QString &second);
    void setColors(const QColor &first, const QColor &second);
    QString firstName() const { return m_first; }
    QString secondName() const { return m_second; }

    // Marks drawn under the bar (the presets), as shares of the second deployment.
    void setMarks(const QList<int> &marks);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QRectF barRect() const;
    int valueAt(double x) const;
    double boundaryX() const;

    QString m_first;
    QString m_second;
    QColor m_firstColor;
    QColor m_secondColor;
    QList<int> m_marks;
    bool m_dragging = false;
};
