// The second half of the app matrix (matrix.ts); two files so Jest can run them side by side.
import { defineMatrix, matrixApps } from "./matrix";

defineMatrix(matrixApps().filter((_, i) => i % 2 === 1));
