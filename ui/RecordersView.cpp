#include "ui/RecordersView.h"

#include "ui/RemoteRecorders.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace tapedeck::ui {

namespace {
constexpr int IdRole = Qt::UserRole + 1;
constexpr int SourceNameRole = Qt::UserRole + 2;
} // namespace

RecordersView::RecordersView(RemoteRecorders &recorders, QWidget *parent) : QWidget(parent), m_recorders(recorders)
{
    setObjectName(QStringLiteral("recordersView"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("recorderList"));
    auto *add = new QPushButton(tr("Add recorder…"), this);
    add->setObjectName(QStringLiteral("addRecorderButton"));
    add->setToolTip(tr("Drive a Tapedeck recorder service (tapedeck-cli serve) from this studio"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeRecorderButton"));
    m_remove->setToolTip(tr("Stop watching this recorder (its recordings go on there)"));
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshRecorderButton"));
    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("remoteFilesList"));
    m_sources = new QListWidget(this);
    m_sources->setWordWrap(true);
    m_sources->setObjectName(QStringLiteral("remoteSourcesList"));
    m_sources->setToolTip(tr("Sources kept on the recorder with their passwords and stream keys; recording one "
                             "sends only its name"));
    m_recordSource = new QPushButton(tr("Record there"), this);
    m_recordSource->setObjectName(QStringLiteral("recordRemoteSourceButton"));
    m_recordSource->setToolTip(tr("Record the selected source on this recorder, with the options of the "
                                  "Sources tab (format, chunk length)"));
    m_recordSource->setEnabled(false);
    m_recordSourceWhenLive = new QPushButton(tr("Record there whenever live"), this);
    m_recordSourceWhenLive->setObjectName(QStringLiteral("recordRemoteSourceWhenLiveButton"));
    m_recordSourceWhenLive->setToolTip(tr("The recorder waits for the stream and records it each time it goes live "
                                          "(a new file each time), until you press Stop on its card"));
    m_recordSourceWhenLive->setEnabled(false);
    m_orphans = new QLabel(this);
    m_orphans->setObjectName(QStringLiteral("remoteOrphansLabel"));
    m_orphans->setWordWrap(true);
    m_recover = new QPushButton(tr("Recover on the recorder"), this);
    m_recover->setObjectName(QStringLiteral("recoverRemoteButton"));
    m_recover->setToolTip(tr("Ask the recorder to rebuild its unfinished recordings"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    auto *orphanRow = new QHBoxLayout;
    orphanRow->addWidget(m_orphans, 1);
    orphanRow->addWidget(m_recover);
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(m_list, 1);
    lay->addLayout(buttons);
    // Its sources beside its files: both belong to the selected recorder.
    // The headers wrap (on one line each they made the tab, and so the
    // window, wider than the source list leaves at 640 px in German) and
    // share a row, so the two lists start at the same height.
    auto header = [this](const QString &text) {
        auto *l = new QLabel(text, this);
        l->setWordWrap(true);
        l->setAlignment(Qt::AlignLeft | Qt::AlignBottom);
        return l;
    };
    auto *both = new QGridLayout;
    both->addWidget(header(tr("Sources on the selected recorder:")), 0, 0);
    both->addWidget(header(tr("Files on the selected recorder:")), 0, 1);
    both->addWidget(m_sources, 1, 0);
    both->addWidget(m_files, 1, 1);
    // Under both lists, side by side: stacked under the sources they made
    // every tab, and so the window, taller than a 640x480 screen leaves;
    // under half of the width they do not fit side by side in German.
    auto *recordRow = new QHBoxLayout;
    recordRow->addWidget(m_recordSource);
    recordRow->addWidget(m_recordSourceWhenLive);
    recordRow->addStretch(1);
    both->addLayout(recordRow, 2, 0, 1, 2);
    both->setColumnStretch(0, 1);
    both->setColumnStretch(1, 1);
    both->setRowStretch(1, 1);
    lay->addLayout(both, 2);
    lay->addLayout(orphanRow);

    connect(add, &QPushButton::clicked, this, &RecordersView::addRequested);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (!selectedId().isEmpty())
            m_recorders.remove(selectedId());
    });
    connect(m_refresh, &QPushButton::clicked, this, &RecordersView::refreshSelected);
    connect(m_list, &QListWidget::currentItemChanged, this, &RecordersView::refreshSelected);
    connect(m_recover, &QPushButton::clicked, this, [this] {
        const RecorderEntry *e = m_recorders.find(selectedId());
        if (!e || !e->client)
            return;
        m_recover->setEnabled(false);
        e->client->recoverOrphans(this, [this](const remote::RemoteReply &r) {
            if (!r.ok()) {
                m_orphans->setText(r.error);
                m_recover->setEnabled(true);
                return;
            }
            int rebuilt = 0;
            for (const QJsonValue &v : r.json.value(QStringLiteral("results")).toArray())
                rebuilt += v.toObject().value(QStringLiteral("result")).toString() == QLatin1String("rebuilt");
            refreshSelected();
            m_orphans->setText(tr("%n recording(s) rebuilt on the recorder.", nullptr, rebuilt));
        });
    });
    auto record = [this](bool whenLive) {
        if (!selectedSourceName().isEmpty())
            emit recordSourceRequested(selectedId(), selectedSourceName(), whenLive);
    };
    connect(m_recordSource, &QPushButton::clicked, this, [record] { record(false); });
    connect(m_recordSourceWhenLive, &QPushButton::clicked, this, [record] { record(true); });
    connect(m_sources, &QListWidget::itemActivated, this, [record] { record(false); });
    connect(m_sources, &QListWidget::currentItemChanged, this, [this] {
        m_recordSource->setEnabled(!selectedSourceName().isEmpty());
        m_recordSourceWhenLive->setEnabled(!selectedSourceName().isEmpty());
    });
    connect(&m_recorders, &RemoteRecorders::sourcesChanged, this, [this](const QString &id) {
        if (id == selectedId())
            listSources();
    });
    connect(&m_recorders, &RemoteRecorders::changed, this, &RecordersView::reload);
    // Catching up: a recorder that comes back, or finishes a file, is listed again.
    connect(&m_recorders, &RemoteRecorders::linkChanged, this,
            [this](const QString &id, remote::RemoteRecorder::Link l) {
                if (id == selectedId() && l == remote::RemoteRecorder::Link::Online)
                    refreshSelected();
            });
    connect(&m_recorders, &RemoteRecorders::fileFinished, this, [this](const QString &id) {
        if (id == selectedId())
            refreshSelected();
    });
    reload();
}

QString RecordersView::selectedId() const
{
    const QListWidgetItem *it = m_list->currentItem();
    return it ? it->data(IdRole).toString() : QString();
}

void RecordersView::select(const QString &id)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(IdRole).toString() == id)
            m_list->setCurrentRow(i);
}

void RecordersView::reload()
{
    const QString keep = selectedId();
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const RecorderEntry &e : m_recorders.entries()) {
        QString state = e.needsToken ? tr("needs its token")
            : e.client               ? RemoteRecorders::linkText(e.client->link())
                                     : tr("not connected");
        if (e.client && !e.client->linkError().isEmpty())
            state += QStringLiteral(": ") + e.client->linkError();
        auto *item =
            new QListWidgetItem(tr("%1 — %2 — %3").arg(e.name, e.url.toString(QUrl::RemoveUserInfo), state), m_list);
        item->setData(IdRole, e.id);
        item->setToolTip(state);
    }
    if (!keep.isEmpty())
        select(keep);
    else if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    const bool any = !selectedId().isEmpty();
    m_remove->setEnabled(any);
    m_refresh->setEnabled(any);
    if (keep != selectedId())
        refreshSelected();
}

QString RecordersView::selectedSourceName() const
{
    const QListWidgetItem *it = m_sources->currentItem();
    return it ? it->data(SourceNameRole).toString() : QString();
}

void RecordersView::listSources()
{
    const RecorderEntry *e = m_recorders.find(selectedId());
    if (!e || !e->client) {
        m_sources->clear();
        m_recordSource->setEnabled(false);
        m_recordSourceWhenLive->setEnabled(false);
        return;
    }
    e->client->listSources(this, [this, recorder = e->id](const remote::RemoteReply &r) {
        if (recorder != selectedId())
            return; // another recorder was chosen meanwhile
        const QString keep = selectedSourceName();
        m_sources->clear();
        if (!r.ok()) {
            m_sources->addItem(r.error);
            m_recordSource->setEnabled(false);
            m_recordSourceWhenLive->setEnabled(false);
            return;
        }
        for (const QJsonValue &v : r.json.value(QStringLiteral("sources")).toArray()) {
            const QJsonObject s = v.toObject();
            const QString name = s.value(QStringLiteral("name")).toString();
            // The recorder shows its address redacted (secrets never leave it).
            auto *item =
                new QListWidgetItem(tr("%1 — %2").arg(name, s.value(QStringLiteral("url")).toString()), m_sources);
            item->setData(SourceNameRole, name);
            item->setToolTip(s.value(QStringLiteral("hasSecret")).toBool()
                                 ? tr("Its password or stream key is kept on the recorder")
                                 : s.value(QStringLiteral("url")).toString());
            if (name == keep)
                m_sources->setCurrentItem(item);
        }
        if (m_sources->count() == 0) {
            auto *none = new QListWidgetItem(tr("None yet: recording a source with a password here offers to keep "
                                                "it on the recorder."),
                                             m_sources);
            none->setFlags(Qt::NoItemFlags);
        } else if (!m_sources->currentItem()) {
            m_sources->setCurrentRow(0);
        }
        m_recordSource->setEnabled(!selectedSourceName().isEmpty());
        m_recordSourceWhenLive->setEnabled(!selectedSourceName().isEmpty());
    });
}

void RecordersView::refreshSelected()
{
    const RecorderEntry *e = m_recorders.find(selectedId());
    m_remove->setEnabled(e != nullptr);
    m_refresh->setEnabled(e != nullptr);
    listSources();
    if (!e || !e->client) {
        m_files->clear();
        m_orphans->setText(e ? tr("This recorder needs its token.") : tr("Add a recorder to see its files."));
        m_recover->setEnabled(false);
        return;
    }
    e->client->listFiles(this, [this](const remote::RemoteReply &r) {
        m_files->clear();
        if (!r.ok()) {
            m_files->addItem(r.error);
            return;
        }
        for (const QJsonValue &v : r.json.value(QStringLiteral("files")).toArray()) {
            const QJsonObject f = v.toObject();
            QString text =
                tr("%1 — %2").arg(f.value(QStringLiteral("name")).toString(),
                                  QLocale().formattedDataSize(qint64(f.value(QStringLiteral("bytes")).toDouble())));
            if (f.value(QStringLiteral("inUse")).toBool())
                text += tr(" (recording)");
            m_files->addItem(text);
        }
    });
    e->client->listOrphans(this, [this](const remote::RemoteReply &r) {
        if (!r.ok()) {
            m_orphans->setText(r.error);
            m_recover->setEnabled(false);
            return;
        }
        const int n = int(r.json.value(QStringLiteral("orphans")).toArray().size());
        m_orphans->setText(n == 0 ? tr("No unfinished recordings on this recorder.")
                                  : tr("%n unfinished recording(s) can be rebuilt on the recorder.", nullptr, n));
        m_recover->setEnabled(n > 0);
    });
}

RecorderDialog::RecorderDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("recorderDialog"));
    setWindowTitle(tr("Add a recorder"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("recorderName"));
    m_name->setPlaceholderText(tr("Studio server"));
    m_address = new QLineEdit(this);
    m_address->setObjectName(QStringLiteral("recorderAddress"));
    m_address->setPlaceholderText(tr("recorder.example:8417"));
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("recorderToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setToolTip(tr("On the recorder: cat DIR/token. Kept in the keychain, like passwords."));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("recorderError"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Address:"), m_address);
    form->addRow(tr("Token:"), m_token);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(form);
    lay->addWidget(m_error);
    lay->addWidget(box);
}

void RecorderDialog::askTokenOnly(const QString &name, const QString &address)
{
    setWindowTitle(tr("The token of \"%1\"").arg(name));
    m_name->setText(name);
    m_name->setReadOnly(true);
    m_address->setText(address);
    m_address->setReadOnly(true);
    m_token->setFocus();
}

QString RecorderDialog::name() const { return m_name->text().trimmed(); }
QString RecorderDialog::address() const { return m_address->text().trimmed(); }
QByteArray RecorderDialog::token() const { return m_token->text().trimmed().toUtf8(); }

void RecorderDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

} // namespace tapedeck::ui
