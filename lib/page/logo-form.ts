// The logo file of a posted form (the console's upload and PUT /api/admin/page/logo), as the
// bytes UpdatePageSettings.logo checks. The browser's name and type for the file are ignored.
import { VigilError } from "../errors";

export async function logoFromForm(form: FormData, field = "logo"): Promise<Uint8Array> {
  const file = form.get(field);
  // A form submitted without a file chosen still sends the field, as an empty file with no name.
  if (!(file instanceof Blob) || (file.size === 0 && file instanceof File && file.name === "")) {
    throw new VigilError("invalid_input", "choose an image file to upload", { [field]: ["choose a PNG, JPEG or WebP file"] });
  }
  return new Uint8Array(await file.arrayBuffer());
}
