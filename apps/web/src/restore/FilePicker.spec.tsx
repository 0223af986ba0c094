import { fireEvent, render, screen } from '@testing-library/react';
import { describeFile, FilePicker } from './FilePicker';

describe('FilePicker', () => {
  it('recognizes a HouseF3 .fzip backup and says so', () => {
    expect(describeFile({ name: 'Household.FZIP', size: 10 }).kind).toBe('fzip');
    expect(describeFile({ name: 'backup.zip', size: 10 }).kind).toBe('zip');
    expect(describeFile({ name: 'notes.txt', size: 10 }).kind).toBe('other');
  });

  it('takes a file by the labelled input or by dropping it', () => {
    const onFile = vi.fn();
    const { rerender } = render(<FilePicker onFile={onFile} />);
    const file = new File([new Uint8Array(2048)], 'house.fzip');
    fireEvent.change(screen.getByLabelText(/Choose a backup file/), { target: { files: [file] } });
    expect(onFile).toHaveBeenCalledWith(file);
    rerender(<FilePicker file={file} onFile={onFile} />);
    expect(screen.getByText(/HouseF3 backup file \(.fzip\) recognized/)).toBeInTheDocument();
    expect(screen.getByText(/2.0 KB/)).toBeInTheDocument();
    const other = new File(['x'], 'dropped.zip');
    fireEvent.drop(screen.getByText(/or drop it here/).closest('.drop-zone')!, { dataTransfer: { files: [other] } });
    expect(onFile).toHaveBeenLastCalledWith(other);
  });
});
