#pragma once
// Finished recordings: files written this session plus what the recordings
// folder already holds (scanned on a worker thread). Play and show in folder.

#include <QWidget>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace tapedeck {
namespace ui {

class RecordingsList : public QWidget {
    Q_OBJECT
public:
    explicit RecordingsList(QWidget *parent = nullptr);

    void addFile(const QString &path);
    // Lists *.mp4 / *.ts / *.flv in the folder without blocking the UI.
    void scanFolder(const QString &folder);
    QStringList files() const;
    QString selectedFile() const;
    void selectFile(const QString &path);

signals:
    void playRequested(const QString &path);

private:
    void showInFolder();
    void updateButtons();
    QTreeWidgetItem *itemFor(const QString &path) const;

    QTreeWidget *m_tree;
    QPushButton *m_play;
    QPushButton *m_show;
};

} // namespace ui
} // namespace tapedeck
