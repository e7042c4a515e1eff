#pragma once

// Charts that follow the application palette, light or dark: the Qt Charts theme that
// matches, then background, text, axes and grid from the palette itself, so a chart sits
// on its panel like any other widget. Called again on every palette change.

#include <QColor>
#include <QPalette>

class QAbstractAxis;
class QChart;
class QChartView;

namespace ChartStyle {

void apply(QChartView *view, const QPalette &palette);
void applyToAxis(QAbstractAxis *axis, const QPalette &palette);
// The colour of traffic-change markers: the text colour, softened.
QColor markerColor(const QPalette &palette);
// A round upper bound for a value axis: 1, 2, 5, 10, 20, 50, ... at least `minimum`.
double niceCeiling(double value, double minimum = 1);

} // namespace ChartStyle
