#pragma once

// Colours and small icons that follow the system palette (light or dark). Everything is
// computed from the palette it is given, so a widget repaints correctly after a
// QEvent::PaletteChange by asking again. Icons are drawn in code: they take the palette's
// text colour, which an SVG file could not.

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace Theme {

bool isDark(const QPalette &palette);

// The colour of a deployment: "blue" and "green" (and a few other colour names) are
// themselves; any other name gets a colour by its position among its endpoint's
// deployments (0 = the first/old one is blue, 1 = the new one is green, ...).
QColor deploymentColor(const QString &name, int position, const QPalette &palette);

// The state of a provisioned resource.
enum class State { Unknown, Busy, Succeeded, Failed };
State stateKind(const QString &provisioningState);
QColor stateColor(State state, const QPalette &palette);

// Text for messages next to a control: success and failure, readable in both palettes.
QColor successColor(const QPalette &palette);
QColor errorColor(const QPalette &palette);
QColor warningColor(const QPalette &palette);

enum class Icon {
    Endpoint,
    Workspace,
    Copy,
    Reveal,
    Conceal,
    Regenerate,
    Refresh,
    Add,
    Delete,
    Revert,
    Info,
    Warning,
    Error,
    Success,
};
QIcon icon(Icon kind, const QPalette &palette);
QIcon stateIcon(const QString &provisioningState, const QPalette &palette);
QIcon colorDot(const QColor &color);

// A style sheet fragment for a label showing success/failure/neutral text.
QString messageStyle(State state, const QPalette &palette);

} // namespace Theme
