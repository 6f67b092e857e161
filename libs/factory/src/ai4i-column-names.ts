/**
 * The column headers of the published AI4I 2020 CSV (UCI dataset 601, `ai4i2020.csv`) for the
 * model contract's input names and the label, so the file downloaded from UCI is read as it is:
 * by the trainer's CSV source and by the operator UI's batch page. The failure-mode columns (TWF,
 * HDF, PWF, OSF, RNF) and the identifiers (UDI, Product ID) keep their names.
 */
export const ai4iPublishedColumns = {
  type: 'Type',
  airTemperatureK: 'Air temperature [K]',
  processTemperatureK: 'Process temperature [K]',
  rotationalSpeedRpm: 'Rotational speed [rpm]',
  torqueNm: 'Torque [Nm]',
  toolWearMin: 'Tool wear [min]',
  machineFailure: 'Machine failure',
} as const;
