#pragma once

// The app speaks the system's language where a translation exists (Spanish so far): the
// .qm files are built from ui/translations/*.ts and embedded under :/i18n.

#include <QLocale>

class QApplication;
class QTranslator;

namespace Translations {

// The app's own translator for `locale`; false when there is none (English needs none).
bool load(QTranslator *translator, const QLocale &locale);

} // namespace Translations

// Installs Qt's own and the app's translators for QLocale::system(). Call once, right
// after the QApplication is made.
void installTranslations(QApplication &app);
