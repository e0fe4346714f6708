import { ProjectColor } from "@ensemble/contracts/projects";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import "./projects.css";

interface ColorChoiceFieldProps {
  /** The id of the first radio, so an error summary can link to the group. */
  id: string;
  label: string;
  value: ProjectColor;
  onValueChange(value: ProjectColor): void;
}

/** The project colour as a radio group: every colour also has its name written out. */
export function ColorChoiceField({ id, label, value, onValueChange }: ColorChoiceFieldProps) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="field">
      <legend className="field__label">{label}</legend>
      <div className="color-choices">
        {ProjectColor.options.map((color, index) => (
          <label key={color} className="color-choice">
            <input
              id={index === 0 ? id : undefined}
              type="radio"
              name={name}
              value={color}
              checked={value === color}
              onChange={() => onValueChange(color)}
            />
            <span
              className={`project-swatch project-swatch--small project-color--${color}`}
              aria-hidden="true"
            />
            <span>{t(`projects.colors.${color}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
