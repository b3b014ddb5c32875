// Stand-in for office-addin-manifest under jest: office-addin-mock needs only this enum, and the real
// package pulls ESM-only dependencies that jest cannot load on Node 20.
export enum OfficeApp {
  Excel = "excel",
  OneNote = "onenote",
  Outlook = "outlook",
  PowerPoint = "powerpoint",
  Project = "project",
  Word = "word",
}
