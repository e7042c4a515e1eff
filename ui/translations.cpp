#include "translations.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QTranslator>

bool Translations::load(QTranslator *translator, const QLocale &locale)
{
    return translator->load(locale, QStringLiteral("rolloutdesk"), QStringLiteral("_"), QStringLiteral(":/i18n"));
}

void installTranslations(QApplication &app)
{
    const QLocale locale = QLocale::system();
    // Qt's own strings first (standard buttons, JSON parser messages), then ours.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    else
        delete qt;
    auto *own = new QTranslator(&app);
    if (Translations::load(own, locale))
        QApplication::installTranslator(own);
    else
        delete own;
}
