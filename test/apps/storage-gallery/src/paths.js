export const PHOTO_DIR = "photos";

export function photoPath(name) {
  const clean = String(name).toLowerCase().replace(/[^a-z0-9._-]/g, "_");
  return `${PHOTO_DIR}/${clean}`;
}

export function nameFromPath(path) {
  return path.split("/").pop();
}
