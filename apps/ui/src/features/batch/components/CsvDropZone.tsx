import { useState, type DragEvent } from 'react';

/**
 * Where a CSV file is dropped or chosen. The file input stays a real, focusable control (keyboard
 * and screen readers use it); the surrounding zone accepts drops.
 */
export function CsvDropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled: boolean }) {
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      className={`drop-zone${over ? ' drop-zone-over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <label htmlFor="csv-file">CSV file to score</label>
      <input
        id="csv-file"
        type="file"
        accept=".csv,text/csv"
        disabled={disabled}
        aria-describedby="csv-file-hint"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
      <p id="csv-file-hint" className="muted">
        Drop a file here or choose one. The first line names the columns; one row per line.
      </p>
    </div>
  );
}
