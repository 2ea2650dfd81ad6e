#pragma once
// The recording controls for the selected source: format, chunk length,
// output folder, file-name pattern, overwrite.

#include "ui/SourceStore.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tapedeck {
namespace ui {

class RecordOptionsWidget : public QWidget {
    Q_OBJECT
public:
    explicit RecordOptionsWidget(QWidget *parent = nullptr);

    void setOptions(const RecordOptions &o, const QString &sourceName);
    RecordOptions options() const;
    // While the source records, say that changes apply to its next recording.
    void setRecordingNow(bool recording);

    // Used by the settings dialog too: "Off" / "at least N s".
    static void setupChunkSpin(QSpinBox *spin);
    static void fillFormatCombo(QComboBox *combo);

signals:
    void optionsEdited();

private:
    void browse();
    void updatePreview();

    QComboBox *m_format;
    QSpinBox *m_chunk;
    QLineEdit *m_folder;
    QLineEdit *m_pattern;
    QLabel *m_preview;
    QCheckBox *m_overwrite;
    QLabel *m_nextHint;
    QString m_sourceName;
    bool m_loading = false;
};

} // namespace ui
} // namespace tapedeck
