#include "mainwindow.h"
#include "screenshotter.h"
#include "translations.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("RolloutDesk"));
    QApplication::setOrganizationName(QStringLiteral("RolloutDesk"));
    QApplication::setApplicationVersion(QStringLiteral(ROLLOUTDESK_VERSION));
    installTranslations(app);
    MainWindow window(MainWindow::parseCommandLine(QApplication::arguments()));
    window.show();
    Screenshotter::attachIfRequested(&window); // only with ROLLOUTDESK_SCREENSHOT_DIR set
    return QApplication::exec();
}
