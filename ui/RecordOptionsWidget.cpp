#include "ui/RecordOptionsWidget.h"

#include "core/app/OutputNaming.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace tapedeck {
namespace ui {

void RecordOptionsWidget::setupChunkSpin(QSpinBox *spin)
{
    spin->setRange(0, 24 * 3600);
    spin->setSingleStep(10);
    // Chunks are cut on keyframes at or after the target, hence "at least".
    spin->setSpecialValueText(tr("Off (one file)"));
    spin->setPrefix(tr("at least "));
    spin->setSuffix(tr(" s"));
    spin->setToolTip(tr("Start a new file after this many seconds. Files are cut on the next keyframe, "
                        "so each chunk is at least this long."));
}

void RecordOptionsWidget::fillFormatCombo(QComboBox *combo)
{
    combo->addItem(tr("MP4 (crash-safe)"), QStringLiteral("mp4"));
    combo->addItem(tr("MPEG-TS"), QStringLiteral("ts"));
    combo->addItem(tr("FLV"), QStringLiteral("flv"));
}

RecordOptionsWidget::RecordOptionsWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("recordOptions"));
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("formatCombo"));
    fillFormatCombo(m_format);

    m_chunk = new QSpinBox(this);
    m_chunk->setObjectName(QStringLiteral("chunkSpin"));
    setupChunkSpin(m_chunk);

    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("folderEdit"));
    auto *browse = new QToolButton(this);
    browse->setObjectName(QStringLiteral("folderBrowseButton"));
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose the output folder"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName(QStringLiteral("patternEdit"));
    m_pattern->setToolTip(tr("Placeholders: {source} the source name, {date} year-month-day, {time} hours-minutes-"
                             "seconds, {datetime} both"));
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("patternPreview"));
    m_preview->setEnabled(false);

    m_overwrite = new QCheckBox(tr("&Replace existing files"), this);
    m_overwrite->setObjectName(QStringLiteral("overwriteCheck"));

    m_nextHint = new QLabel(tr("This source is recording: changes apply to its next recording."), this);
    m_nextHint->setObjectName(QStringLiteral("optionsNextHint"));
    m_nextHint->setWordWrap(true);
    m_nextHint->setStyleSheet(QStringLiteral("QLabel { font-style: italic; }"));
    m_nextHint->hide();

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Chunk length:"), m_chunk);
    // A row holding a layout gets no buddy by itself, so the mnemonic needs one.
    auto *folderLabel = new QLabel(tr("F&older:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("File &name:"), m_pattern);
    // While recording, the hint takes the example name's place: the box
    // keeps its height, so the window does not grow past a small screen.
    auto *previewOrHint = new QVBoxLayout;
    previewOrHint->setContentsMargins(0, 0, 0, 0);
    previewOrHint->addWidget(m_preview);
    previewOrHint->addWidget(m_nextHint);
    form->addRow(QString(), previewOrHint);
    form->addRow(QString(), m_overwrite);

    auto edited = [this] {
        updatePreview();
        if (!m_loading)
            emit optionsEdited();
    };
    connect(m_format, &QComboBox::currentIndexChanged, this, edited);
    connect(m_chunk, &QSpinBox::valueChanged, this, edited);
    connect(m_folder, &QLineEdit::textChanged, this, edited);
    connect(m_pattern, &QLineEdit::textChanged, this, edited);
    connect(m_overwrite, &QCheckBox::toggled, this, edited);
    connect(browse, &QToolButton::clicked, this, &RecordOptionsWidget::browse);
}

void RecordOptionsWidget::setOptions(const RecordOptions &o, const QString &sourceName)
{
    m_loading = true;
    m_sourceName = sourceName;
    const int idx = m_format->findData(o.format);
    m_format->setCurrentIndex(idx >= 0 ? idx : 0);
    m_chunk->setValue(o.chunkSeconds);
    m_folder->setText(o.folder);
    m_pattern->setText(o.pattern);
    m_overwrite->setChecked(o.overwrite);
    m_loading = false;
    updatePreview();
}

RecordOptions RecordOptionsWidget::options() const
{
    RecordOptions o;
    o.format = m_format->currentData().toString();
    o.chunkSeconds = m_chunk->value();
    o.folder = m_folder->text().trimmed();
    o.pattern = m_pattern->text().trimmed();
    o.overwrite = m_overwrite->isChecked();
    return o;
}

void RecordOptionsWidget::updatePreview()
{
    const RecordOptions o = options();
    QString name = expandFileNamePattern(o.pattern, m_sourceName, QDateTime::currentDateTime());
    if (o.chunkSeconds > 0)
        name += QStringLiteral("_part0000");
    m_preview->setText(tr("e.g. %1").arg(name + u'.' + o.format));
}

void RecordOptionsWidget::browse()
{
    // open(), not exec(): no nested event loop.
    auto *dlg = new QFileDialog(this, tr("Output folder"), m_folder->text());
    dlg->setFileMode(QFileDialog::Directory);
    dlg->setOption(QFileDialog::ShowDirsOnly);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &QFileDialog::fileSelected, this, [this](const QString &dir) { m_folder->setText(dir); });
    dlg->open();
}

void RecordOptionsWidget::setRecordingNow(bool recording)
{
    m_nextHint->setVisible(recording);
    m_preview->setVisible(!recording);
}

} // namespace ui
} // namespace tapedeck
