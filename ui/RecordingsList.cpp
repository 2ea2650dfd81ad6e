#include "ui/RecordingsList.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <thread>

namespace tapedeck {
namespace ui {
namespace {
constexpr int PathRole = Qt::UserRole + 1;
constexpr int SortRole = Qt::UserRole + 2;

// Sorts by the column's sort key, then by file name, so the chunks of one
// recording (same second) stay in order.
class FileItem : public QTreeWidgetItem {
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override
    {
        const int col = treeWidget() ? treeWidget()->sortColumn() : 0;
        const QVariant a = data(col, SortRole), b = other.data(col, SortRole);
        if (a != b)
            return QVariant::compare(a, b) == QPartialOrdering::Less;
        return text(0) < other.text(0);
    }
};
} // namespace

RecordingsList::RecordingsList(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("recordingsPage"));
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("recordingsList"));
    m_tree->setHeaderLabels({tr("File"), tr("Size"), tr("Modified"), tr("Folder")});
    m_tree->setRootIsDecorated(false);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(2, Qt::DescendingOrder);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(3, QHeaderView::Interactive);
    m_tree->header()->resizeSection(3, 200);

    m_play = new QPushButton(QIcon(QStringLiteral(":/icons/play.svg")), tr("&Play"), this);
    m_play->setObjectName(QStringLiteral("playButton"));
    m_show = new QPushButton(QIcon(QStringLiteral(":/icons/folder.svg")), tr("Show in &folder"), this);
    m_show->setObjectName(QStringLiteral("showInFolderButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_play);
    buttons->addWidget(m_show);
    buttons->addStretch(1);

    auto *lay = new QVBoxLayout(this);
    lay->addWidget(m_tree, 1);
    lay->addLayout(buttons);

    connect(m_play, &QPushButton::clicked, this, [this] {
        if (!selectedFile().isEmpty())
            emit playRequested(selectedFile());
    });
    connect(m_show, &QPushButton::clicked, this, &RecordingsList::showInFolder);
    connect(m_tree, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { emit playRequested(item->data(0, PathRole).toString()); });
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &RecordingsList::updateButtons);
    updateButtons();
}

QTreeWidgetItem *RecordingsList::itemFor(const QString &path) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(0, PathRole).toString() == path)
            return m_tree->topLevelItem(i);
    return nullptr;
}

void RecordingsList::addFile(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.isFile())
        return;
    QTreeWidgetItem *item = itemFor(fi.absoluteFilePath());
    if (!item)
        item = new FileItem(m_tree);
    const QLocale loc;
    item->setData(0, PathRole, fi.absoluteFilePath());
    item->setText(0, fi.fileName());
    item->setData(0, SortRole, fi.fileName());
    item->setData(1, SortRole, fi.size());
    item->setData(2, SortRole, fi.lastModified().toMSecsSinceEpoch());
    item->setData(3, SortRole, fi.absolutePath());
    item->setToolTip(0, fi.absoluteFilePath());
    item->setText(1, loc.formattedDataSize(fi.size()));
    // ISO order sorts as text; seconds are enough to tell recordings apart.
    item->setText(2, fi.lastModified().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    item->setText(3, QDir::toNativeSeparators(fi.absolutePath()));
    updateButtons();
}

void RecordingsList::scanFolder(const QString &folder)
{
    if (folder.isEmpty())
        return;
    QPointer<RecordingsList> self(this);
    std::thread([self, folder] {
        const QFileInfoList found = QDir(folder).entryInfoList(
            {QStringLiteral("*.mp4"), QStringLiteral("*.ts"), QStringLiteral("*.flv")}, QDir::Files, QDir::Time);
        QStringList paths;
        for (const QFileInfo &fi : found)
            paths << fi.absoluteFilePath();
        // The guarded pointer is only looked at on the UI thread.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, paths] {
                if (!self)
                    return;
                for (const QString &p : paths)
                    self->addFile(p);
            },
            Qt::QueuedConnection);
    }).detach();
}

QStringList RecordingsList::files() const
{
    QStringList out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        out << m_tree->topLevelItem(i)->data(0, PathRole).toString();
    return out;
}

QString RecordingsList::selectedFile() const
{
    QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(0, PathRole).toString() : QString();
}

void RecordingsList::selectFile(const QString &path)
{
    if (QTreeWidgetItem *item = itemFor(QFileInfo(path).absoluteFilePath()))
        m_tree->setCurrentItem(item);
}

void RecordingsList::updateButtons()
{
    const bool has = m_tree->currentItem() != nullptr;
    m_play->setEnabled(has);
    m_show->setEnabled(has);
}

void RecordingsList::showInFolder()
{
    const QString file = selectedFile();
    if (!file.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(file).absolutePath()));
}

} // namespace ui
} // namespace tapedeck
