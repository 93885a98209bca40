<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CasePane</name>
    <message>
        <source>Overview</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Хронология</translation>
    </message>
    <message>
        <source>PET</source>
        <translation>ПЭТ</translation>
    </message>
    <message>
        <source>Narrative</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>The timeline chart will appear here. The tables below edit what it shows.</source>
        <translation>Здесь будет график хронологии. Таблицы ниже редактируют то, что он показывает.</translation>
    </message>
    <message>
        <source>The PET comparison will appear here. The tables below edit the studies.</source>
        <translation>Здесь будет сравнение ПЭТ-исследований. Таблицы ниже редактируют исследования.</translation>
    </message>
    <message>
        <source>No case selected.

Choose a case on the left, or create one with Ctrl+N.</source>
        <translation>Случай не выбран.

Выберите случай слева или создайте новый (Ctrl+N).</translation>
    </message>
    <message>
        <source>Anonymized: this case cannot be shown — %1</source>
        <translation>Обезличено: этот случай нельзя показать — %1</translation>
    </message>
    <message>
        <source>Anonymized: identifying fields are hidden; dates are shown as time, not as dates — %1. Editing is off.</source>
        <translation>Обезличено: идентифицирующие данные скрыты; вместо дат показано время — %1. Редактирование отключено.</translation>
    </message>
</context>
<context>
    <name>CaseSession</name>
    <message>
        <source>No case is open.</source>
        <extracomment>An edit was refused because the case changed in the library since it was read (another window, an import): the refused version of the case, and the ``Conflict``. The revision of each case as this window last read or wrote it: a save names it, so a change made meanwhile elsewhere is never silently overwritten.</extracomment>
        <translation>Случай не открыт.</translation>
    </message>
    <message>
        <source>Editing is off while the screen is anonymized.</source>
        <translation>Пока экран обезличен, редактирование отключено.</translation>
    </message>
    <message>
        <source>The undo history was cleared.</source>
        <translation>История отмены очищена.</translation>
    </message>
</context>
<context>
    <name>Conflict</name>
    <message>
        <source>The case changed elsewhere</source>
        <translation>Случай изменён в другом месте</translation>
    </message>
    <message>
        <source>Case %1 was deleted from the library (by another window or program) after you opened it. Your change was not saved.</source>
        <translation>Случай %1 удалён из библиотеки (другим окном или программой) после того, как вы его открыли. Ваше изменение не сохранено.</translation>
    </message>
    <message>
        <source>Case %1 was changed in the library (by an import, another window or program) after you opened it. Your change was not saved, and theirs was not overwritten.</source>
        <translation>Случай %1 изменён в библиотеке (импортом, другим окном или программой) после того, как вы его открыли. Ваше изменение не сохранено, и чужое не перезаписано.</translation>
    </message>
    <message>
        <source>Reload shows the library&apos;s version. Keep mine as a copy saves your version as a new case.</source>
        <translation>«Перечитать» покажет версию из библиотеки. «Сохранить мою как копию» сохранит вашу версию как новый случай.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Перечитать</translation>
    </message>
    <message>
        <source>Keep mine as a copy</source>
        <translation>Сохранить мою как копию</translation>
    </message>
    <message>
        <source>Keep my version as a copy</source>
        <translation>Сохранение моей версии как копии</translation>
    </message>
    <message>
        <source>The copy could not be saved</source>
        <translation>Копию не удалось сохранить</translation>
    </message>
</context>
<context>
    <name>CourseEditor</name>
    <message>
        <source>therapy</source>
        <translation>терапию</translation>
    </message>
    <message>
        <source>event</source>
        <translation>событие</translation>
    </message>
    <message>
        <source>measurement</source>
        <translation>показатель</translation>
    </message>
</context>
<context>
    <name>DicomDialog</name>
    <message>
        <source>Coronal</source>
        <translation>Корональная</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>Сагиттальная</translation>
    </message>
    <message>
        <source>Folder with the PET-CT DICOM files</source>
        <translation>Папка с файлами ПЭТ-КТ DICOM</translation>
    </message>
    <message>
        <source>Add PET study from DICOM</source>
        <translation>Добавить ПЭТ-исследование из DICOM</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>Папка: %1</translation>
    </message>
    <message>
        <source>Several PET series were found; choose one:</source>
        <translation>Найдено несколько серий ПЭТ; выберите одну:</translation>
    </message>
    <message>
        <source>Cancel reading</source>
        <translation>Прервать чтение</translation>
    </message>
    <message>
        <source>Add study</source>
        <translation>Добавить исследование</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Looking for PET series…</source>
        <translation>Поиск серий ПЭТ…</translation>
    </message>
    <message>
        <source>Reading %1 slices…</source>
        <translation>Чтение срезов: %1…</translation>
    </message>
    <message>
        <source>Series read: %1</source>
        <translation>Серия прочитана: %1</translation>
    </message>
    <message>
        <source>liver</source>
        <translation>печень</translation>
    </message>
    <message>
        <source>Measuring and making the MIP…</source>
        <translation>Измерение и построение MIP…</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <source>Something went wrong: %1. The action was not completed; your cases are safe and the window keeps working.</source>
        <translation>Произошла ошибка: %1. Действие не выполнено; ваши случаи в сохранности, окно продолжает работать.</translation>
    </message>
    <message>
        <source>The details were written to the log file.</source>
        <translation>Подробности записаны в журнал.</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>Export PDF Su&amp;mmary…</source>
        <translation>Экспорт сводки в PDF…</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>A printable summary of the selected cases in English, Russian or both, with a preview of its pages (Ctrl+E)</source>
        <translation>Сводка выбранных случаев для печати на английском, русском или обоих языках, с предпросмотром страниц (Ctrl+E)</translation>
    </message>
    <message>
        <source>&amp;Print Summary…</source>
        <translation>&amp;Печать сводки…</translation>
    </message>
    <message>
        <source>Print the summary of the case on screen (Ctrl+P)</source>
        <translation>Напечатать сводку открытого случая (Ctrl+P)</translation>
    </message>
    <message>
        <source>Export &amp;Slides…</source>
        <translation>Экспорт &amp;слайдов…</translation>
    </message>
    <message>
        <source>A PowerPoint deck of the selected cases, de-identified for showing in public</source>
        <translation>Презентация PowerPoint по выбранным случаям, обезличенная для показа публике</translation>
    </message>
    <message>
        <source>Choose a case in the library first.</source>
        <translation>Сначала выберите случай в библиотеке.</translation>
    </message>
    <message>
        <source>Export PDF Summary</source>
        <translation>Экспорт сводки в PDF</translation>
    </message>
    <message>
        <source>The PDF summaries could not be saved</source>
        <translation>Не удалось сохранить сводки в PDF</translation>
    </message>
    <message>
        <source>This library is in memory; save single summaries instead.</source>
        <translation>Библиотека открыта в памяти; сохраняйте сводки по одной.</translation>
    </message>
    <message>
        <source>Writing PDF summaries…</source>
        <translation>Запись сводок в PDF…</translation>
    </message>
    <message>
        <source>Saved in %2: %1.</source>
        <translation>Сохранено в %2: %1.</translation>
    </message>
    <message>
        <source>Sent to %1: %2.</source>
        <translation>Отправлено на %1: %2.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <source>Some PDF summaries could not be saved</source>
        <translation>Некоторые сводки в PDF не удалось сохранить</translation>
    </message>
    <message>
        <source>Case summary %1</source>
        <translation>Сводка случая %1</translation>
    </message>
    <message>
        <source>Print Case Summary</source>
        <translation>Печать сводки случая</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>Printing failed.</source>
        <translation>Печать не удалась.</translation>
    </message>
    <message>
        <source>The summary could not be printed</source>
        <translation>Не удалось напечатать сводку</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>Печать отменена.</translation>
    </message>
    <message>
        <source>the printer</source>
        <translation>принтер</translation>
    </message>
    <message>
        <source>Export Slides</source>
        <translation>Экспорт слайдов</translation>
    </message>
    <message>
        <source>Writing slides…</source>
        <translation>Запись слайдов…</translation>
    </message>
    <message>
        <source>The slides were not written.</source>
        <translation>Слайды не записаны.</translation>
    </message>
    <message>
        <source>The slides could not be written</source>
        <translation>Не удалось записать слайды</translation>
    </message>
    <message>
        <source>Slides saved: %1</source>
        <translation>Слайды сохранены: %1</translation>
    </message>
    <message>
        <source>Slides saved, with omissions</source>
        <translation>Слайды сохранены с пропусками</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>Other</source>
        <extracomment>Each language named in itself, as language menus do. Field names the core vocabulary does not have (yet); everything it has comes from it.</extracomment>
        <translation>Другое</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>e.g. 2014-03 or 09.08.2018</source>
        <translation>напр. 2014-03 или 09.08.2018</translation>
    </message>
    <message>
        <source>comma-separated, e.g. B-ALL, extramedullary</source>
        <translation>через запятую, напр. B-ALL, extramedullary</translation>
    </message>
    <message>
        <source>in Russian</source>
        <translation>на русском</translation>
    </message>
    <message>
        <source>in English</source>
        <translation>на английском</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Изменение: %1</translation>
    </message>
    <message>
        <source>missing in Russian</source>
        <translation>нет перевода на русский</translation>
    </message>
    <message>
        <source>missing in English</source>
        <translation>нет перевода на английский</translation>
    </message>
</context>
<context>
    <name>Folders</name>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Показать в папке</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <source>Search cases, English or Russian (Ctrl+F)</source>
        <translation>Поиск случаев на русском или английском (Ctrl+F)</translation>
    </message>
    <message>
        <source>Sort:</source>
        <translation>Порядок:</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>Диагноз</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Последнее изменение</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>Лучшее совпадение</translation>
    </message>
    <message>
        <source>%1 found</source>
        <translation>Найдено: %1</translation>
    </message>
    <message>
        <source>Therapy:</source>
        <translation>Терапия:</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Событие:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message numerus="yes">
        <source>best %n matches shown; type more to narrow</source>
        <translation>
            <numerusform>показано %n лучшее совпадение; уточните запрос</numerusform>
            <numerusform>показаны %n лучших совпадения; уточните запрос</numerusform>
            <numerusform>показаны %n лучших совпадений; уточните запрос</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;New Case</source>
        <translation>&amp;Новый случай</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новый</translation>
    </message>
    <message>
        <source>D&amp;uplicate Case</source>
        <translation>&amp;Копировать случай</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Копия</translation>
    </message>
    <message>
        <source>&amp;Delete Case…</source>
        <translation>&amp;Удалить случай…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>&amp;Import Case Files…</source>
        <translation>&amp;Импорт файлов случаев…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <source>&amp;Export Case…</source>
        <translation>&amp;Экспорт случая…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>Export &amp;All Cases…</source>
        <translation>Экспорт &amp;всех случаев…</translation>
    </message>
    <message>
        <source>&amp;Open Library…</source>
        <translation>&amp;Открыть библиотеку…</translation>
    </message>
    <message>
        <source>S&amp;ync with Department…</source>
        <translation>&amp;Синхронизировать с отделением…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Найти</translation>
    </message>
    <message>
        <source>&amp;Next Case</source>
        <translation>&amp;Следующий случай</translation>
    </message>
    <message>
        <source>&amp;Previous Case</source>
        <translation>&amp;Предыдущий случай</translation>
    </message>
    <message>
        <source>&amp;Anonymize</source>
        <translation>&amp;Обезличить</translation>
    </message>
    <message>
        <source>Anonymize</source>
        <translation>Обезличить</translation>
    </message>
    <message>
        <source>&amp;About Case Presenter</source>
        <translation>&amp;О программе Case Presenter</translation>
    </message>
    <message>
        <source>Pre&amp;sent Case…</source>
        <translation>Пре&amp;зентация случая…</translation>
    </message>
    <message>
        <source>Hide identifying fields and show dates as time from transplant or diagnosis, for showing the screen to an audience (Ctrl+Shift+A). Editing is off meanwhile.</source>
        <translation>Скрыть идентифицирующие данные и показывать даты как время от трансплантации или диагноза — чтобы показывать экран аудитории (Ctrl+Shift+A). Редактирование на это время отключено.</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Хронология</translation>
    </message>
    <message>
        <source>PET</source>
        <translation>ПЭТ</translation>
    </message>
    <message>
        <source>Narrative</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Литература</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Show Case Text in Russian</source>
        <translation>Показать текст случая на русском</translation>
    </message>
    <message>
        <source>Show Case Text in English</source>
        <translation>Показать текст случая на английском</translation>
    </message>
    <message>
        <source>Case text: %1</source>
        <translation>Текст случая: %1</translation>
    </message>
    <message>
        <source>The list, the charts and the tables show the case in English; click to show it in Russian (Ctrl+Shift+L). Fields show both languages side by side.</source>
        <translation>Список, графики и таблицы показывают случай на английском; нажмите, чтобы показать на русском (Ctrl+Shift+L). Поля показывают оба языка рядом.</translation>
    </message>
    <message>
        <source>The list, the charts and the tables show the case in Russian; click to show it in English (Ctrl+Shift+L). Fields show both languages side by side.</source>
        <translation>Список, графики и таблицы показывают случай на русском; нажмите, чтобы показать на английском (Ctrl+Shift+L). Поля показывают оба языка рядом.</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Отменено: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>Повторено: %1</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Created case %1.</source>
        <translation>Создан случай %1.</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>Импортировано: %1.</translation>
    </message>
    <message>
        <source>Values written in another centre&apos;s words, mapped to the app&apos;s codes: %1.</source>
        <translation>Значения, записанные словами другого центра и сопоставленные с кодами программы: %1.</translation>
    </message>
    <message>
        <source>Exported: %1.</source>
        <translation>Экспортировано: %1.</translation>
    </message>
    <message>
        <source>Not processed: %1</source>
        <translation>Не обработано: %1</translation>
    </message>
    <message>
        <source>in memory</source>
        <translation>в памяти</translation>
    </message>
    <message>
        <source>Library: %1</source>
        <translation>Библиотека: %1</translation>
    </message>
    <message>
        <source>Duplicate case %1</source>
        <translation>Копия случая %1</translation>
    </message>
    <message>
        <source>Delete Case</source>
        <translation>Удаление случая</translation>
    </message>
    <message>
        <source>Delete case %1?</source>
        <translation>Удалить случай %1?</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>Это можно отменить сочетанием Ctrl+Z.</translation>
    </message>
    <message>
        <source>Delete case %1</source>
        <translation>Удаление случая %1</translation>
    </message>
    <message>
        <source>Deleted case %1. Undo with Ctrl+Z.</source>
        <translation>Случай %1 удалён. Отмена — Ctrl+Z.</translation>
    </message>
    <message>
        <source>About Case Presenter</source>
        <translation>О программе Case Presenter</translation>
    </message>
    <message>
        <source>Case Presenter %1

Clinical cases in haematology and oncology: a library, timelines, PET response and bilingual summaries. Works offline.</source>
        <translation>Case Presenter %1

Клинические случаи в гематологии и онкологии: библиотека, хронология, оценка ответа по ПЭТ и двуязычные сводки. Работает без сети.</translation>
    </message>
    <message>
        <source>The library could not be written</source>
        <translation>Не удалось записать в библиотеку</translation>
    </message>
    <message>
        <source>Open Case Library</source>
        <translation>Открыть библиотеку случаев</translation>
    </message>
    <message>
        <source>Case libraries (*.db);;All files (*)</source>
        <translation>Библиотеки случаев (*.db);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Import Case Files</source>
        <translation>Импорт файлов случаев</translation>
    </message>
    <message>
        <source>Case files (*.case.json);;All files (*)</source>
        <translation>Файлы случаев (*.case.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Export Case</source>
        <translation>Экспорт случая</translation>
    </message>
    <message>
        <source>Case files (*.case.json)</source>
        <translation>Файлы случаев (*.case.json)</translation>
    </message>
    <message>
        <source>Export All Cases to Folder</source>
        <translation>Экспорт всех случаев в папку</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Backup made first: %1</source>
        <translation>Перед импортом сделана резервная копия: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
</context>
<context>
    <name>NarrativeTab</name>
    <message>
        <source>English</source>
        <translation>Английский</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
</context>
<context>
    <name>NewCase</name>
    <message>
        <source>Lymphoma</source>
        <extracomment>Which disease-specific fields the diagnosis shows.</extracomment>
        <translation>Лимфома</translation>
    </message>
    <message>
        <source>Leukaemia</source>
        <translation>Лейкоз</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>New Case</source>
        <translation>Новый случай</translation>
    </message>
    <message>
        <source>Disease</source>
        <translation>Заболевание</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Случай</translation>
    </message>
    <message>
        <source>First lines of therapy</source>
        <translation>Первые линии терапии</translation>
    </message>
    <message>
        <source>PET studies, with the liver and mediastinum references</source>
        <translation>ПЭТ-исследования с референсами печени и средостения</translation>
    </message>
    <message>
        <source>Create Case</source>
        <translation>Создать случай</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>e.g. DLBCL-7: letters, digits, - _ .</source>
        <translation>напр. DLBCL-7: латинские буквы, цифры, - _ .</translation>
    </message>
    <message>
        <source>as written, e.g. IIB, IVE</source>
        <translation>как в источнике, напр. IIB, IVE</translation>
    </message>
    <message>
        <source>A case needs a code.</source>
        <translation>У случая должен быть код.</translation>
    </message>
    <message>
        <source>The library already has a case %1.</source>
        <translation>В библиотеке уже есть случай %1.</translation>
    </message>
    <message>
        <source>Ready: Ctrl+Enter creates the case.</source>
        <translation>Готово: Ctrl+Enter создаёт случай.</translation>
    </message>
    <message>
        <source>New case %1</source>
        <translation>Новый случай %1</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Добавить строку</translation>
    </message>
</context>
<context>
    <name>OpenLibrary</name>
    <message>
        <source>The case library could not be opened.</source>
        <extracomment>A library up to this size is checked for damage when the window opens it (a tenth of a second or so), so a damaged one is met with the offer of its backup at once; a larger one is checked before its first write instead (the store always does).</extracomment>
        <translation>Не удалось открыть библиотеку случаев.</translation>
    </message>
    <message>
        <source>The newest backup can be restored into a new file beside it; the file that failed will not be changed.</source>
        <translation>Последнюю резервную копию можно восстановить в новый файл рядом с ним; файл, который не открылся, не будет изменён.</translation>
    </message>
    <message>
        <source>Open Another File…</source>
        <translation>Открыть другой файл…</translation>
    </message>
    <message>
        <source>Restore Latest Backup</source>
        <translation>Восстановить последнюю копию</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Restored the newest backup of %1 into %2; the damaged file was left as it was.</source>
        <translation>Последняя резервная копия %1 восстановлена в %2; повреждённый файл оставлен без изменений.</translation>
    </message>
    <message>
        <source>Open Case Library</source>
        <translation>Открыть библиотеку случаев</translation>
    </message>
    <message>
        <source>Case libraries (*.db);;All files (*)</source>
        <translation>Библиотеки случаев (*.db);;Все файлы (*)</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Case</source>
        <translation>Случай</translation>
    </message>
</context>
<context>
    <name>PdfExportDialog</name>
    <message>
        <source>Export PDF Summary</source>
        <translation>Экспорт сводки в PDF</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>&amp;Бумага:</translation>
    </message>
    <message>
        <source>Pre&amp;view:</source>
        <translation>Пред&amp;просмотр:</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Английский</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>English and Russian</source>
        <translation>Английский и русский</translation>
    </message>
    <message>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 мм)</translation>
    </message>
    <message>
        <source>US Letter (8.5 × 11 in)</source>
        <translation>US Letter (8,5 × 11 дюймов)</translation>
    </message>
    <message>
        <source>&amp;De-identified</source>
        <translation>&amp;Обезличить</translation>
    </message>
    <message>
        <source>Initials, record number and birth date are left out, free text is scrubbed, and dates are shown as time from the transplant or the diagnosis.</source>
        <translation>Инициалы, номер истории болезни и дата рождения не выводятся, даты в тексте удаляются, а все даты показаны как время от трансплантации или от диагноза.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Страница целиком</translation>
    </message>
    <message>
        <source>Page width</source>
        <translation>По ширине страницы</translation>
    </message>
    <message>
        <source>&amp;Save %1…</source>
        <translation>&amp;Сохранить %1…</translation>
    </message>
    <message>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Сохранить PDF…</translation>
    </message>
    <message>
        <source>Save the summary shown, as previewed</source>
        <translation>Сохранить показанную сводку в том виде, как в предпросмотре</translation>
    </message>
    <message>
        <source>Save &amp;All (%1)…</source>
        <translation>Сохранить &amp;все (%1)…</translation>
    </message>
    <message>
        <source>One PDF per selected case, written into a folder you choose</source>
        <translation>По одному PDF на каждый выбранный случай, в выбранную папку</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>Пе&amp;чать…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Selected cases (%1)</source>
        <translation>Выбрано случаев: %1</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Случай</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Страница %1 из %2</translation>
    </message>
    <message>
        <source>Drawing page %1 of %2…</source>
        <translation>Отрисовка страницы %1 из %2…</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>Подготовка предпросмотра…</translation>
    </message>
    <message>
        <source>File name: %1</source>
        <translation>Имя файла: %1</translation>
    </message>
    <message>
        <source>Export Without De-identification?</source>
        <translation>Экспортировать без обезличивания?</translation>
    </message>
    <message>
        <source>The screen is anonymized. Show and save this summary with the patient&apos;s initials, record number and real dates?</source>
        <translation>Экран обезличен. Показать и сохранить сводку с инициалами пациента, номером истории болезни и настоящими датами?</translation>
    </message>
    <message>
        <source>Show Identifying Data</source>
        <translation>Показать персональные данные</translation>
    </message>
    <message>
        <source>This summary cannot be made:</source>
        <translation>Эту сводку невозможно создать:</translation>
    </message>
    <message>
        <source>Save PDF Summary</source>
        <translation>Сохранить сводку в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF could not be saved</source>
        <translation>Не удалось сохранить PDF</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Save PDF Summaries to Folder</source>
        <translation>Сохранить сводки в PDF в папку</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>%1 (continued)</source>
        <translation>%1 (продолжение)</translation>
    </message>
    <message>
        <source>Criteria: %1</source>
        <translation>Критерии: %1</translation>
    </message>
    <message>
        <source>Section %1 of %2</source>
        <translation>Раздел %1 из %2</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Шаг %1 из %2</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <source>The printer could not be started (%1).</source>
        <translation>Не удалось запустить печать (%1).</translation>
    </message>
    <message>
        <source>The printer stopped after page %1.</source>
        <translation>Печать остановилась после страницы %1.</translation>
    </message>
</context>
<context>
    <name>ReferencesTab</name>
    <message>
        <source>reference</source>
        <translation>источник</translation>
    </message>
    <message>
        <source>Write the reference.</source>
        <translation>Введите источник.</translation>
    </message>
</context>
<context>
    <name>SeriesActions</name>
    <message>
        <source>&amp;Compare…</source>
        <translation>&amp;Сравнить…</translation>
    </message>
    <message>
        <source>Show the selected cases on one timeline, aligned on the day that matters</source>
        <translation>Показать выбранные случаи на одной шкале, выровняв их по ключевому событию</translation>
    </message>
    <message>
        <source>Saved Se&amp;ries…</source>
        <translation>Сохранённые с&amp;ерии…</translation>
    </message>
    <message>
        <source>Select cases in the library first</source>
        <translation>Сначала выберите случаи в библиотеке</translation>
    </message>
    <message>
        <source>No saved series yet</source>
        <translation>Сохранённых серий пока нет</translation>
    </message>
    <message>
        <source>Saved Series</source>
        <translation>Сохранённые серии</translation>
    </message>
    <message>
        <source>Series:</source>
        <translation>Серия:</translation>
    </message>
</context>
<context>
    <name>SeriesView</name>
    <message>
        <source>Series</source>
        <translation>Серия случаев</translation>
    </message>
    <message>
        <source>Align on:</source>
        <translation>Выровнять по:</translation>
    </message>
    <message>
        <source>diagnosis, transplant, relapse, infusion, a drug name or therapy:NAME, event:TYPE — in English or Russian</source>
        <translation>диагноз, трансплантация, рецидив, инфузия, название препарата или терапия:НАЗВАНИЕ, событие:ТИП — по-русски или по-английски</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Порядок:</translation>
    </message>
    <message>
        <source>Track:</source>
        <translation>Показатель:</translation>
    </message>
    <message>
        <source>Save Series…</source>
        <translation>Сохранить серию…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Экспорт CSV…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Длительность наблюдения</translation>
    </message>
    <message>
        <source>Time to relapse</source>
        <translation>Время до рецидива</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Save Series</source>
        <translation>Сохранить серию</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Title (English):</source>
        <translation>Название (английский):</translation>
    </message>
    <message>
        <source>Title (Russian):</source>
        <translation>Название (русский):</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Экспорт CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>SlidesExportDialog</name>
    <message>
        <source>Export Slides</source>
        <translation>Экспорт слайдов</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>Slide &amp;size:</source>
        <translation>&amp;Формат слайдов:</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Английский</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>Widescreen (16:9)</source>
        <translation>Широкоэкранный (16:9)</translation>
    </message>
    <message>
        <source>Standard (4:3)</source>
        <translation>Стандартный (4:3)</translation>
    </message>
    <message>
        <source>&amp;De-identified</source>
        <translation>&amp;Обезличить</translation>
    </message>
    <message>
        <source>Slides are usually shown in public: initials, record number and birth date are left out, free text is scrubbed, and dates are shown as time from the transplant or the diagnosis.</source>
        <translation>Слайды обычно показывают публике: инициалы, номер истории болезни и дата рождения не выводятся, даты в тексте удаляются, а все даты показаны как время от трансплантации или от диагноза.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Selected cases (%1)</source>
        <translation>Выбрано случаев: %1</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Случай</translation>
    </message>
    <message>
        <source>Slides Without De-identification?</source>
        <translation>Слайды без обезличивания?</translation>
    </message>
    <message>
        <source>Slides are usually shown in public. Export them with the patient&apos;s initials, record number and real dates?</source>
        <translation>Слайды обычно показывают публике. Экспортировать их с инициалами пациента, номером истории болезни и настоящими датами?</translation>
    </message>
    <message>
        <source>Export Identifying Data</source>
        <translation>Экспортировать персональные данные</translation>
    </message>
    <message>
        <source>PowerPoint presentations (*.pptx)</source>
        <translation>Презентации PowerPoint (*.pptx)</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>%1 — this window</source>
        <translation>%1 — экран этого окна</translation>
    </message>
    <message>
        <source>Present Case</source>
        <translation>Презентация случая</translation>
    </message>
    <message>
        <source>Screen:</source>
        <translation>Экран:</translation>
    </message>
    <message>
        <source>Show identifying data in this presentation</source>
        <translation>Показывать идентифицирующие данные в этой презентации</translation>
    </message>
    <message>
        <source>Initials, record number, date of birth and calendar dates. Off: the presentation is de-identified, whatever the window shows.</source>
        <translation>Инициалы, номер истории болезни, дата рождения и календарные даты. Если выключено, презентация обезличена, что бы ни показывало окно.</translation>
    </message>
    <message>
        <source>Arrow keys, Page Up/Page Down or Space move through the sections; on the timeline each step shows the next kinds of event. Esc ends the presentation.</source>
        <translation>Стрелки, Page Up/Page Down или пробел — переход по разделам; на временной шкале каждый шаг показывает следующие виды событий. Esc завершает презентацию.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начать</translation>
    </message>
    <message>
        <source>Choose a case to present.</source>
        <translation>Выберите случай для презентации.</translation>
    </message>
</context>
<context>
    <name>StudyEditor</name>
    <message>
        <source>PET study</source>
        <translation>ПЭТ-исследование</translation>
    </message>
    <message>
        <source>lesion</source>
        <translation>очаг</translation>
    </message>
    <message>
        <source>Set image…</source>
        <translation>Выбрать изображение…</translation>
    </message>
    <message>
        <source>Remove image</source>
        <translation>Убрать изображение</translation>
    </message>
    <message>
        <source>Lesions: select a study above</source>
        <translation>Очаги: выберите исследование выше</translation>
    </message>
    <message>
        <source>Lesions of the study of %1</source>
        <translation>Очаги исследования от %1</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Нет изображения</translation>
    </message>
    <message>
        <source>The image cannot be shown.</source>
        <translation>Изображение не удаётся показать.</translation>
    </message>
    <message>
        <source>PET image</source>
        <translation>Изображение ПЭТ</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Изображения (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>%1 is not a PNG or JPEG image.</source>
        <translation>%1 — не изображение PNG или JPEG.</translation>
    </message>
    <message>
        <source>Set PET image</source>
        <translation>Изображение ПЭТ</translation>
    </message>
    <message>
        <source>Remove PET image</source>
        <translation>Удаление изображения ПЭТ</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Sync with Department</source>
        <translation>Синхронизация с отделением</translation>
    </message>
    <message>
        <source>Sends the cases changed on this computer to the department library and fetches the cases changed there. A case changed on both sides is never overwritten: you choose which to keep.</source>
        <translation>Отправляет в библиотеку отделения случаи, изменённые на этом компьютере, и получает случаи, изменённые там. Случай, изменённый с обеих сторон, никогда не перезаписывается: вы выбираете, что оставить.</translation>
    </message>
    <message>
        <source>&amp;Department library:</source>
        <translation>&amp;Библиотека отделения:</translation>
    </message>
    <message>
        <source>The address is remembered without its password: a password in it is kept only until you quit. Or keep it in ~/.pgpass (see docs/department.md).</source>
        <translation>Адрес запоминается без пароля: пароль из адреса хранится только до выхода из программы. Его можно хранить в ~/.pgpass (см. docs/department.md).</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Случай</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Здесь</translation>
    </message>
    <message>
        <source>In the department</source>
        <translation>В отделении</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Оставить</translation>
    </message>
    <message>
        <source>Sync and Apply Choices</source>
        <translation>Синхронизировать, применив выбор</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Синхронизировать</translation>
    </message>
    <message>
        <source>Changed on both sides — nothing was overwritten. Choose for each case and sync again: keep mine sends this computer&apos;s version, keep theirs takes the department&apos;s, keep both keeps theirs under its code and mine under a new code.</source>
        <translation>Изменены с обеих сторон — ничего не перезаписано. Выберите для каждого случая и синхронизируйте снова: «Оставить мой» отправит версию этого компьютера, «Оставить их» возьмёт версию отделения, «Оставить оба» сохранит их версию под прежним кодом, а мою — под новым.</translation>
    </message>
    <message>
        <source>%1 is not a department library address; write postgresql://user@server/database. Nothing was changed.</source>
        <translation>%1 — не адрес библиотеки отделения; напишите postgresql://пользователь@сервер/база. Ничего не изменено.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%1 из %2: %3</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Решить позже</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Оставить мой</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Оставить их</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Оставить оба</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>изменён</translation>
    </message>
    <message>
        <source>added</source>
        <translation>добавлен</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалён</translation>
    </message>
    <message>
        <source>Nothing more was changed; sync again when the department library can be reached.</source>
        <translation>Больше ничего не изменено; синхронизируйте снова, когда библиотека отделения будет доступна.</translation>
    </message>
    <message>
        <source>Sent: %1.</source>
        <translation>Отправлено: %1.</translation>
    </message>
    <message>
        <source>Fetched: %1.</source>
        <translation>Получено: %1.</translation>
    </message>
    <message>
        <source>Deleted: %1.</source>
        <translation>Удалено: %1.</translation>
    </message>
    <message>
        <source>Nothing to send or fetch: the two libraries agree.</source>
        <translation>Нечего отправлять и получать: библиотеки совпадают.</translation>
    </message>
    <message>
        <source>Cancelled; the next sync does the rest.</source>
        <translation>Отменено; остальное сделает следующая синхронизация.</translation>
    </message>
    <message>
        <source>Settled: %1.</source>
        <translation>Решено: %1.</translation>
    </message>
    <message>
        <source>Kept here, not sent (this role may only read): %1.</source>
        <translation>Оставлены здесь, не отправлены (эта роль может только читать): %1.</translation>
    </message>
    <message>
        <source>Not synced:</source>
        <translation>Не синхронизированы:</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <source>Edit %1 of %2</source>
        <extracomment>a rule of the window&apos;s own on top of the case-file rules (an empty reference) open cell editor, and the keyboard focus) instead of resetting the table</extracomment>
        <translation>Изменение: %1 (%2)</translation>
    </message>
    <message>
        <source>New row, not saved yet: %1</source>
        <translation>Новая строка ещё не сохранена: %1</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Добавить %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Удалить %1</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>Переместить %1</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Add %1 (Insert)</source>
        <translation>Добавить %1 (Insert)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Remove the selected %1 (Delete)</source>
        <translation>Удалить выбранную строку: %1 (Delete)</translation>
    </message>
    <message>
        <source>Move up (Ctrl+Up)</source>
        <translation>Выше (Ctrl+↑)</translation>
    </message>
    <message>
        <source>Move down (Ctrl+Down)</source>
        <translation>Ниже (Ctrl+↓)</translation>
    </message>
</context>
<context>
    <name>TimelineKey</name>
    <message>
        <source>{n} therapies with uncertain dates are drawn in the order the case lists them: hover a hatched bar for its note</source>
        <translation>Терапии с неточными датами ({n}) показаны в том порядке, в котором они перечислены в случае: наведите указатель на заштрихованную полосу, чтобы прочесть пояснение</translation>
    </message>
    <message>
        <source>{n} more numbered markers: hover one for its events, or zoom in</source>
        <translation>Ещё пронумерованных меток: {n} — наведите на метку, чтобы увидеть её события, или увеличьте масштаб</translation>
    </message>
    <message>
        <source>{n} more numbered markers not listed for want of room: export a shorter period</source>
        <translation>Ещё пронумерованных меток, не поместившихся в ключ: {n} — экспортируйте более короткий период</translation>
    </message>
    <message>
        <source>and {n} more at this marker: hover it</source>
        <translation>и ещё {n} у этой метки — наведите на неё</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Time axis:</source>
        <translation>Ось времени:</translation>
    </message>
    <message>
        <source>Calendar dates</source>
        <translation>Календарные даты</translation>
    </message>
    <message>
        <source>From diagnosis</source>
        <translation>От диагноза</translation>
    </message>
    <message>
        <source>From transplant (D+)</source>
        <translation>От трансплантации (Д+)</translation>
    </message>
    <message>
        <source>Fit all</source>
        <translation>Показать всё</translation>
    </message>
    <message>
        <source>Show the whole course (Home)</source>
        <translation>Показать всё течение (Home)</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>Дорожки</translation>
    </message>
    <message>
        <source>Show or hide lanes</source>
        <translation>Показать или скрыть дорожки</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Save as a 1920×1080 figure: PNG, SVG or PDF</source>
        <translation>Сохранить как рисунок 1920×1080: PNG, SVG или PDF</translation>
    </message>
    <message>
        <source>Therapies without a start date, not drawn: {n}</source>
        <translation>Терапии без даты начала, не показаны: {n}</translation>
    </message>
    <message>
        <source>Hidden lanes: {n}</source>
        <translation>Скрыто дорожек: {n}</translation>
    </message>
    <message>
        <source>Show all lanes</source>
        <translation>Показать все дорожки</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>Экспорт хронологии</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>Изображение PNG (*.png);;Рисунок SVG (*.svg);;Документ PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>Case already in the library</source>
        <translation>Случай уже есть в библиотеке</translation>
    </message>
    <message>
        <source>The library already has a case %1.</source>
        <translation>В библиотеке уже есть случай %1.</translation>
    </message>
    <message>
        <source>%1

Replace the case in the library with the file&apos;s, import the file as a copy under a new code, or skip the file?</source>
        <translation>%1

Заменить случай в библиотеке случаем из файла, импортировать файл как копию под новым кодом или пропустить файл?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Заменить</translation>
    </message>
    <message>
        <source>Import as Copy</source>
        <translation>Импортировать как копию</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Пропустить</translation>
    </message>
    <message>
        <source>Do the same for the other %1</source>
        <translation>Сделать так же для остальных: %1</translation>
    </message>
    <message>
        <source>Replace case %1</source>
        <translation>Замена случая %1</translation>
    </message>
    <message>
        <source>Delete case %1</source>
        <translation>Удаление случая %1</translation>
    </message>
    <message>
        <source>Import case %1</source>
        <translation>Импорт случая %1</translation>
    </message>
    <message>
        <source>Import %1 as %2</source>
        <translation>Импорт %1 как %2</translation>
    </message>
    <message>
        <source>Replaced: %1.</source>
        <translation>Заменено: %1.</translation>
    </message>
    <message>
        <source>Imported as a copy: %1.</source>
        <translation>Импортировано как копия: %1.</translation>
    </message>
    <message>
        <source>Skipped: %1.</source>
        <translation>Пропущено: %1.</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <source>A date is required.</source>
        <extracomment>Units a number may be followed by, as typed in either language.</extracomment>
        <translation>Нужна дата.</translation>
    </message>
    <message>
        <source>Not a date. Write 2014, 2014-03, 09.08.2018 or March 2014.</source>
        <translation>Это не дата. Пишите 2014, 2014-03, 09.08.2018 или «март 2014».</translation>
    </message>
    <message>
        <source>A number is required.</source>
        <translation>Нужно число.</translation>
    </message>
    <message>
        <source>Not a number.</source>
        <translation>Это не число.</translation>
    </message>
    <message>
        <source>Not a number in %1.</source>
        <translation>Это не число в единицах %1.</translation>
    </message>
    <message>
        <source>Write a whole number.</source>
        <translation>Нужно целое число.</translation>
    </message>
</context>
<context>
    <name>VoiPanel</name>
    <message>
        <source>e.g. after 2 cycles (nothing identifying)</source>
        <translation>например, после 2 курсов (без персональных данных)</translation>
    </message>
    <message>
        <source>Study label</source>
        <translation>Подпись исследования</translation>
    </message>
    <message>
        <source>Calculation passport</source>
        <translation>Паспорт расчёта</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>кг</translation>
    </message>
    <message>
        <source>cm</source>
        <translation>см</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Масса тела</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Рост</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Lesions and liver</source>
        <translation>Очаги и печень</translation>
    </message>
    <message>
        <source>Click a lesion on the MIP, or type its centre in patient mm (LPS); name it with the ID it has in the other studies.</source>
        <translation>Щёлкните очаг на MIP или введите его центр в мм пациента (LPS); назовите его тем ID, что у него в других исследованиях.</translation>
    </message>
    <message>
        <source>e.g. L1</source>
        <translation>например, L1</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>%1, mm</source>
        <translation>%1, мм</translation>
    </message>
    <message>
        <source>Add lesion</source>
        <translation>Добавить очаг</translation>
    </message>
    <message>
        <source>Place liver here (3 cm)</source>
        <translation>Печень здесь (3 см)</translation>
    </message>
    <message>
        <source>Remove lesion</source>
        <translation>Удалить очаг</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>не указан</translation>
    </message>
    <message>
        <source>Not a number: write e.g. 61.5.</source>
        <translation>Не число: введите, например, 61,5.</translation>
    </message>
    <message>
        <source>Click the MIP or type X, Y and Z (patient mm) first.</source>
        <translation>Сначала щёлкните MIP или введите X, Y и Z (мм пациента).</translation>
    </message>
    <message>
        <source>The radius must be a number of mm above 0 (at most 200).</source>
        <translation>Радиус — число мм больше 0 (не более 200).</translation>
    </message>
    <message>
        <source>Name the lesion with the ID that matches it in the other studies.</source>
        <translation>Назовите очаг ID, под которым он есть в других исследованиях.</translation>
    </message>
    <message>
        <source>A lesion %1 is already placed: another ID, or remove it first.</source>
        <translation>Очаг %1 уже есть: другой ID или сначала удалите его.</translation>
    </message>
    <message>
        <source>centre, mm</source>
        <translation>центр, мм</translation>
    </message>
    <message>
        <source>Liver reference: not placed.</source>
        <translation>Референс печени: не задан.</translation>
    </message>
    <message>
        <source>Liver reference (3 cm sphere) at %1 mm</source>
        <translation>Референс печени (сфера 3 см) в точке %1 мм</translation>
    </message>
    <message>
        <source>Liver reference (3 cm sphere) at %1 mm: SULmean %2 ± %3</source>
        <translation>Референс печени (сфера 3 см) в точке %1 мм: SULmean %2 ± %3</translation>
    </message>
</context>
</TS>
