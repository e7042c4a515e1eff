#include "chartstyle.h"

#include "style/theme.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QLegend>

#include <cmath>

namespace ChartStyle {

void applyToAxis(QAbstractAxis *axis, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Text);
    grid.setAlpha(Theme::isDark(palette) ? 40 : 30);
    QColor line = text;
    line.setAlpha(120);
    axis->setLabelsBrush(text);
    axis->setTitleBrush(text);
    axis->setLinePen(QPen(line, 1));
    axis->setGridLinePen(QPen(grid, 1));
    axis->setMinorGridLinePen(QPen(grid, 1, Qt::DotLine));
    axis->setShadesVisible(false);
}

void apply(QChartView *view, const QPalette &palette)
{
    QChart *chart = view->chart();
    // The matching theme first (it resets fonts and defaults), then our colours over it.
    chart->setTheme(Theme::isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    QFont title = view->font();
    title.setBold(true);
    chart->setTitleFont(title);
    chart->legend()->setLabelColor(text);
    chart->legend()->setFont(view->font());
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsFont(view->font());
        applyToAxis(axis, palette);
    }
    view->setBackgroundBrush(palette.color(QPalette::Window));
}

QColor markerColor(const QPalette &palette)
{
    QColor color = palette.color(QPalette::Text);
    color.setAlpha(150);
    return color;
}

double niceCeiling(double value, double minimum)
{
    value = std::max(value, minimum);
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : { 1.0, 2.0, 5.0, 10.0 }) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

} // namespace ChartStyle
