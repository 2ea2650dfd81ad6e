#include "ui/GuiMain.h"

#include <QApplication>
#include <QLabel>

namespace tapedeck {
int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLabel label(QObject::tr("Tapedeck"));
    label.show();
    return app.exec();
}
} // namespace tapedeck
